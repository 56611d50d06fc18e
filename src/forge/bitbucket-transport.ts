/**
 * The Forge adapter of the Transport port: `asApp().requestBitbucket` with a `route`. Path segments go through
 * `route` itself (so Forge's own path-manipulation check applies); only repository file paths, which contain `/`,
 * use `assumeTrustedRoute`, after `checkFilePath`; links Bitbucket returned use `routeFromAbsolute`.
 */
import api, { assumeTrustedRoute, route, routeFromAbsolute } from '@forge/api';
import { checkFilePath, queryString } from '../bitbucket/paths';
import {
  isAbsoluteTarget,
  type ApiPath,
  type ApiRequest,
  type ApiResponse,
  type Transport,
} from '../bitbucket/types';

type Route = ReturnType<typeof route>;

/** Calls `route` as a tag over the segments, exactly as a literal template would. */
function routeOf(path: ApiPath): Route {
  const fragments = ['/2.0/', ...path.segments.slice(1).map(() => '/'), ''];
  const values: unknown[] = [...path.segments];
  const query = queryString(path.query);
  if (path.filePath !== undefined) {
    const encoded = checkFilePath(path.filePath).map(encodeURIComponent).join('/');
    fragments[fragments.length - 1] = '/';
    fragments.push('');
    values.push(assumeTrustedRoute(encoded));
  }
  if (query) {
    fragments[fragments.length - 1] += '?';
    fragments.push('');
    values.push(new URLSearchParams(query));
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
        Accept: 'application/json',
        ...(request.body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: request.body === undefined ? undefined : JSON.stringify(request.body),
    });
    return { status: res.status, header: (name) => res.headers.get(name), text: () => res.text() };
  }
}
