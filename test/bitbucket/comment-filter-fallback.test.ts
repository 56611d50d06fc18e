/**
 * A Bitbucket that refuses the combined BBQL comment filter still yields the same comments, filtered locally.
 * The transport here is a scripted stand-in: the emulator supports the filter, and the case to test is a server
 * that does not.
 */
import { BitbucketApi } from '../../src/bitbucket/api';
import { BitbucketClient, systemClock } from '../../src/bitbucket/client';
import type { ApiRequest, ApiResponse, Transport } from '../../src/bitbucket/types';

const COMMENTS = [
  { id: 1, deleted: false, content: { raw: 'LGTM' }, user: { uuid: '{human}' } },
  {
    id: 2,
    deleted: false,
    content: { raw: '[lintel:summary]: https://bitbucket.org\nok' },
    user: { uuid: '{app}' },
  },
  { id: 3, deleted: true, content: { raw: '' }, user: { uuid: '{app}' } },
  { id: 4, deleted: false, content: { raw: 'quoting [lintel:summary]' }, user: { uuid: '{human}' } },
];

function refusingFilter(): Transport & { queries: Array<string | null> } {
  const queries: Array<string | null> = [];
  return {
    description: 'scripted',
    queries,
    send(request: ApiRequest): Promise<ApiResponse> {
      const q =
        'segments' in request.target ? ((request.target.query?.q as string | undefined) ?? null) : null;
      queries.push(q);
      const [status, body] = q
        ? [400, { type: 'error', error: { message: 'Invalid field name: content.raw' } }]
        : [200, { values: COMMENTS }];
      return Promise.resolve({
        status,
        header: () => null,
        text: () => Promise.resolve(JSON.stringify(body)),
      });
    },
  };
}

it('falls back to an unfiltered listing and applies the same filter locally', async () => {
  const transport = refusingFilter();
  const api = new BitbucketApi(new BitbucketClient(transport, { clock: systemClock() }));
  const found = await api.comments({ workspace: 'w', repository: 'r' }, 1, {
    userUuid: '{app}',
    contains: 'lintel:',
  });
  expect(found.map((c) => c.id)).toEqual([2]);
  expect(transport.queries).toEqual([
    'deleted = false AND user.uuid = "{app}" AND content.raw ~ "lintel:"',
    null,
  ]);
});
