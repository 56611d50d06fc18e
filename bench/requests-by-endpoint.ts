/**
 * The Bitbucket requests of a benchmark run grouped by endpoint ("GET 200 diff", "GET 200 src"), most frequent
 * first: what the end-to-end benchmarks print, so a change in what a pull request costs shows where it comes from.
 */
import type { RequestLogEntry } from '../dev/bitbucket-emulator';

/** The endpoint of a request path under /2.0/repositories/{workspace}/{repo_slug}/, its variable parts dropped. */
export function endpointOf(path: string): string {
  const rest = path.replace(/^\/2\.0\/repositories\/[^/]+\/[^/]+\/?/, '');
  const [first = '', second, third, , fifth] = rest.split('/');
  if (first === 'commit' && third === 'reports') return fifth === 'annotations' ? 'annotations' : 'reports';
  if (first === 'commit' && third === 'statuses') return 'statuses/build';
  if (first === 'pullrequests') return third ? `pullrequests/{id}/${third}` : 'pullrequests/{id}';
  if (first === 'src' && second !== undefined) return 'src';
  return first === '' ? 'repository' : first;
}

export function requestsByEndpoint(requests: readonly RequestLogEntry[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const r of requests) {
    const key = `${r.method} ${r.status} ${endpointOf(r.path)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}
