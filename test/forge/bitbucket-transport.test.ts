/**
 * Paths the Forge transport builds with the real `route` from @forge/api: what Bitbucket receives, and what Forge's
 * own path-manipulation check refuses.
 */
import { relativeUrl } from '../../src/bitbucket/paths';
import { routeOf } from '../../src/forge/bitbucket-transport';

const WS = '{4c16a397-8e48-479c-8ca2-442e46c90570}';
const REPO = '{15a31549-1cff-45dc-9d0d-310114c5038b}';

describe('routeOf', () => {
  it('inserts braced UUIDs and ids as route parameters', () => {
    expect(routeOf({ segments: ['repositories', WS, REPO, 'pullrequests', 3] }).value).toBe(
      `/2.0/repositories/${WS}/${REPO}/pullrequests/3`,
    );
  });

  it('writes a revision range with `..` in the template, where route allows it', () => {
    const a = 'a'.repeat(40);
    expect(
      routeOf({ segments: ['repositories', WS, REPO, 'merge-base', { range: [a, 'bbbbbbbbbbbb'] }] }).value,
    ).toBe(`/2.0/repositories/${WS}/${REPO}/merge-base/${a}..bbbbbbbbbbbb`);
  });

  it('percent-encodes file path segments and query values', () => {
    const r = routeOf({
      segments: ['repositories', WS, REPO, 'src', 'c0ffee'],
      filePath: 'docs/a b/ü.md',
      query: { q: 'deleted = false AND content.raw ~ "lintel:"', pagelen: 100 },
    });
    expect(r.value).toBe(
      `/2.0/repositories/${WS}/${REPO}/src/c0ffee/docs/a%20b/%C3%BC.md?q=deleted+%3D+false+AND+content.raw+%7E+%22lintel%3A%22&pagelen=100`,
    );
  });

  it('lets Forge refuse a segment that would change the endpoint', () => {
    expect(() => routeOf({ segments: ['repositories', WS, '../admin'] })).toThrow(/path manipulation/);
    expect(() => routeOf({ segments: ['repositories', WS, REPO, 'diff', { range: ['a/b', 'c'] }] })).toThrow(
      /path manipulation/,
    );
  });

  it('refuses file paths that climb out of the repository', () => {
    expect(() =>
      routeOf({ segments: ['repositories', WS, REPO, 'src', 'c0ffee'], filePath: 'a/../../x' }),
    ).toThrow(/refusing/);
  });
});

describe('the diff spec of a pull request from a fork', () => {
  const fork = { workspace: 'contrib', repository: 'widgets-fork' };
  const head = 'a'.repeat(40);

  it('names the fork as Bitbucket does, every name a checked route parameter', () => {
    const r = routeOf({
      segments: [
        'repositories',
        WS,
        REPO,
        'diff',
        { forkRange: { repo: fork, from: head, to: 'bbbbbbbbbbbb' } },
      ],
      query: { topic: true },
    });
    expect(r.value).toBe(
      `/2.0/repositories/${WS}/${REPO}/diff/contrib/widgets-fork:${head}%0Dbbbbbbbbbbbb?topic=true`,
    );
  });

  it('is written the same way by the HTTP transport', () => {
    expect(
      relativeUrl({
        segments: [
          'repositories',
          'acme',
          'widgets',
          'diffstat',
          { forkRange: { repo: fork, from: head, to: 'b0' } },
        ],
      }),
    ).toBe(`/2.0/repositories/acme/widgets/diffstat/contrib/widgets-fork:${head}%0Db0`);
  });

  it('refuses a fork name that would change the endpoint', () => {
    const evil = { workspace: 'contrib', repository: '../admin' };
    const segment = { forkRange: { repo: evil, from: head, to: 'b0' } };
    expect(() => routeOf({ segments: ['repositories', WS, REPO, 'diff', segment] })).toThrow(
      /path manipulation/,
    );
    expect(() => relativeUrl({ segments: ['repositories', WS, REPO, 'diff', segment] })).toThrow(/refusing/);
  });
});
