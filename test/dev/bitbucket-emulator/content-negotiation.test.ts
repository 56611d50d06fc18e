/**
 * The emulator refuses an `Accept` header its answer cannot satisfy with 406, as Bitbucket can: a client that asks
 * every endpoint for JSON must fail here, not first in production.
 */
import { negotiate } from '../../../dev/bitbucket-emulator/content-negotiation';
import { json, startHarness, type Harness } from './helpers';

let h: Harness;
let main: string;
beforeAll(async () => {
  h = await startHarness();
  main = await h.fixture.head('main');
});
afterAll(() => h.close());
afterEach(() => {
  h.emulator.violations.length = 0;
});

const get = (path: string, accept?: string) =>
  h.call(path, accept === undefined ? {} : { headers: { accept } });

describe('Accept on the text endpoints', () => {
  it('refuses a JSON-only Accept on a diff with 406, Bitbucket error JSON, and records a violation', async () => {
    const res = await get(`${h.repoApi}/diff/feature..main`, 'application/json');
    expect(res.status).toBe(406);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await json<{ type: string; error: { message: string; detail: string } }>(res);
    expect(body).toMatchObject({ type: 'error', error: { message: 'Not Acceptable' } });
    expect(body.error.detail).toMatch(/text\/plain/);
    expect(h.emulator.violations).toEqual([
      expect.objectContaining({ method: 'GET', status: 406, path: `${h.repoApi}/diff/feature..main` }),
    ]);
  });

  it.each([
    ['no Accept header', undefined],
    ['text/plain', 'text/plain'],
    ['text/*', 'text/*'],
    ['*/*', '*/*'],
    ['a lower-weighted text/plain after JSON', 'application/json, text/plain;q=0.5'],
    ['a bare * (Java clients)', '*; q=.2'],
  ])('serves a diff to %s', async (_, accept) => {
    const res = await get(`${h.repoApi}/diff/feature..main`, accept);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('diff --git');
    expect(h.emulator.violations).toEqual([]);
  });

  it('honours q=0 and lets the most specific range decide', async () => {
    expect((await get(`${h.repoApi}/diff/feature..main`, 'text/plain;q=0, */*')).status).toBe(406);
    expect((await get(`${h.repoApi}/diff/feature..main`, 'text/*;q=0, text/plain')).status).toBe(200);
  });

  it('serves a raw file only to an Accept that allows the type guessed from its name', async () => {
    // `.ts` is video/mp2t to Bitbucket's mimetypes table: a client asking for text/plain is refused.
    const refused = await get(`${h.repoApi}/src/${main}/lib/util.ts`, 'text/plain');
    expect(refused.status).toBe(406);
    expect((await json<{ error: { detail: string } }>(refused)).error.detail).toMatch(/video\/mp2t/);
    const served = await get(`${h.repoApi}/src/${main}/lib/util.ts`, '*/*');
    expect(served.status).toBe(200);
    expect(await served.text()).toBe('export const x = 1;\n');
    expect(h.emulator.violations.map((v) => v.status)).toEqual([406]);
  });

  it('answers format=meta and directory listings as JSON', async () => {
    expect((await get(`${h.repoApi}/src/${main}/a.txt?format=meta`, 'application/json')).status).toBe(200);
    expect((await get(`${h.repoApi}/src/${main}/`, 'application/json')).status).toBe(200);
    expect((await get(`${h.repoApi}/src/${main}/a.txt?format=meta`, 'text/plain')).status).toBe(406);
  });
});

describe('Accept on the JSON endpoints', () => {
  it('refuses text/plain on a JSON resource and accepts application/*', async () => {
    const pr = `${h.repoApi}/pullrequests/${h.pr.id}`;
    expect((await get(pr, 'text/plain')).status).toBe(406);
    expect((await get(pr, 'application/*')).status).toBe(200);
    expect((await get(`${h.repoApi}/diffstat/feature..main`, 'text/plain')).status).toBe(406);
  });

  it('negotiates nothing where nothing is sent: a 302 and a 204', async () => {
    const redirect = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/diff`, {
      headers: { accept: 'application/json' },
      redirect: 'manual',
    });
    expect(redirect.status).toBe(302);
    // The redirect's target is the text resource: following it with the same JSON-only Accept fails there.
    expect((await get(redirect.headers.get('location') ?? '', 'application/json')).status).toBe(406);
    const deleted = await h.call(`${h.repoApi}/commit/${main}/reports/nothing-here`, {
      method: 'DELETE',
      headers: { accept: 'text/plain' },
    });
    expect(deleted.status).not.toBe(406);
  });
});

describe('negotiate', () => {
  it('picks the offered type the client weights highest, or none', () => {
    expect(negotiate('text/plain;q=0.4, application/json', ['text/plain', 'application/json'])).toBe(
      'application/json',
    );
    expect(negotiate('image/png', ['text/plain'])).toBeUndefined();
    expect(negotiate('json', ['application/json'])).toBeUndefined();
    expect(negotiate('TEXT/PLAIN', ['text/plain'])).toBe('text/plain');
    expect(negotiate('text/plain;charset=utf-8', ['text/plain'])).toBe('text/plain');
    expect(negotiate(undefined, ['application/json'])).toBe('application/json');
  });
});
