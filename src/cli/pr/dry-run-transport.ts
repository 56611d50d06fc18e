/**
 * `--dry-run`: reads go to Bitbucket as usual; writes are recorded and answered as Bitbucket would answer them,
 * so the whole pipeline runs unchanged and nothing is published.
 */
import { relativeUrl } from '../../bitbucket/paths';
import { isAbsoluteTarget, type ApiRequest, type ApiResponse, type Transport } from '../../bitbucket/types';

export interface RecordedWrite {
  method: string;
  path: string;
  body: unknown;
}

const DRY_RUN_USER = { uuid: '{00000000-0000-0000-0000-00000000d12y}', display_name: 'Lintel (dry run)' };

function answer(status: number, body: unknown): ApiResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  return { status, header: () => null, text: () => Promise.resolve(text) };
}

export class DryRunTransport implements Transport {
  readonly writes: RecordedWrite[] = [];
  readonly description: string;
  private nextId = 1;

  constructor(private readonly inner: Transport) {
    this.description = `${inner.description} (dry run)`;
  }

  send(request: ApiRequest): Promise<ApiResponse> {
    if (request.method === 'GET') return this.inner.send(request);
    const path = isAbsoluteTarget(request.target) ? request.target.absoluteUrl : relativeUrl(request.target);
    this.writes.push({ method: request.method, path, body: request.body });
    if (request.method === 'DELETE') return Promise.resolve(answer(204, undefined));
    if (path.includes('/comments')) {
      // The pipeline reads the new comment's id and author back, as from Bitbucket.
      return Promise.resolve(
        answer(201, { id: this.nextId++, ...(request.body as object), user: DRY_RUN_USER }),
      );
    }
    return Promise.resolve(answer(request.method === 'POST' ? 201 : 200, request.body ?? {}));
  }
}
