/**
 * The Forge adapter of the Transport port: `asApp().requestBitbucket` with a `route`. Path segments go through
 * `route` itself (so Forge's own path-manipulation check applies); only repository file paths, which contain `/`,
 * use `assumeTrustedRoute`, after `checkFilePath`; links Bitbucket returned use `routeFromAbsolute`.
 */
import api, { assumeTrustedRoute, route, routeFromAbsolute } from '@forge/api';
import { FORK_SPEC_SEPARATOR, checkFilePath, queryString } from '../bitbucket/paths';
import {
  ACCEPT_JSON,
  isAbsoluteTarget,
  type ApiPath,
  type ApiRequest,
  type ApiResponse,
  type Transport,
} from '../bitbucket/types';

type Route = ReturnType<typeof route>;

/** Calls `route` as a tag over the segments, exactly as a literal template would. */
export function routeOf(path: ApiPath): Route {
  const fragments: string[] = ['/2.0/'];
  const values: unknown[] = [];
  const text = (t: string): void => {
    fragments[fragments.length - 1] += t;
  };
  const param = (value: unknown): void => {
    values.push(value);
    fragments.push('');
  };
  path.segments.forEach((segment, i) => {
    if (i > 0) text('/');
    if (typeof segment !== 'object') {
      param(segment);
    } else if ('range' in segment) {
      // `..` sits in the template, where `route` allows it; both revisions stay checked parameters.
      param(segment.range[0]);
      text('..');
      param(segment.range[1]);
    } else {
      // A fork's diff spec, `{ws}/{repo}:{from}%0D{to}`: separators in the template, every name a parameter.
      const { repo, from, to } = segment.forkRange;
      param(repo.workspace);
      text('/');
      param(repo.repository);
      text(':');
      param(from);
      text(FORK_SPEC_SEPARATOR);
      param(to);
    }
  });
  if (path.filePath !== undefined) {
    text('/');
    param(assumeTrustedRoute(checkFilePath(path.filePath).map(encodeURIComponent).join('/')));
  }
  const query = queryString(path.query);
  if (query) {
    text('?');
    param(new URLSearchParams(query));
  }
  const template = Object.assign([...fragments], { raw: [...fragments] }) as unknown as TemplateStringsArray;
  return route(template, ...(values as string[]));
}

export class ForgeTransport implements Transport {
  readonly description = 'Forge requestBitbucket (as app)';

  async send(request: ApiRequest): Promise<ApiResponse> {
    const target = isAbsoluteTarget(request.target)
      ? routeFromAbsolute(request.target.absoluteUrl)
      : routeOf(request.target);
    const res = await api.asApp().requestBitbucket(target, {
      method: request.method,
      redirect: 'manual',
      headers: {
        Accept: request.accept ?? ACCEPT_JSON,
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    return { status: res.status, header: (name) => res.headers.get(name), text: () => res.text() };
  }
}
