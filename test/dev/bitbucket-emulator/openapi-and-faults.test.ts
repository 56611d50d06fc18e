import { json, startHarness, type Harness } from './helpers';

let h: Harness;
let head: string;
beforeAll(async () => {
  h = await startHarness();
  head = await h.fixture.head('feature');
  await h.call(`${h.repoApi}/commit/${head}/reports/lintel`, {
    method: 'PUT',
    json: { title: 'Lintel', report_type: 'BUG', result: 'PASSED' },
  });
});
afterAll(() => h.close());
afterEach(() => h.emulator.faults.clear());

describe('OpenAPI validation', () => {
  it('rejects a bad enum in an annotation and records the violation', async () => {
    const before = h.emulator.violations.length;
    const response = await h.call(`${h.repoApi}/commit/${head}/reports/lintel/annotations`, {
      method: 'POST',
      json: [{ external_id: 'x', summary: 's', annotation_type: 'TYPO', severity: 'LOW' }],
    });
    expect(response.status).toBe(400);
    const body = await json<{ error: { fields: { request: string[] } } }>(response);
    expect(body.error.fields.request.join()).toContain(
      'annotation_type: must be one of VULNERABILITY, CODE_SMELL, BUG',
    );
    expect(h.emulator.violations.slice(before)).toEqual([
      expect.objectContaining({
        method: 'POST',
        status: 400,
        message: expect.stringContaining('annotation_type'),
      }),
    ]);
    expect(h.emulator.state.annotations('acme', 'widgets', head, 'lintel')).toEqual([]);
  });

  it('rejects a method the document does not define and an unknown path', async () => {
    const before = h.emulator.violations.length;
    const wrongMethod = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/diffstat`, { method: 'DELETE' });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('GET');
    const unknown = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/lintel-magic`);
    expect(unknown.status).toBe(404);
    expect(h.emulator.violations.slice(before).map((v) => v.status)).toEqual([405, 404]);
  });

  it('type-checks path and query parameters', async () => {
    const before = h.emulator.violations.length;
    expect((await h.call(`${h.repoApi}/pullrequests/abc`)).status).toBe(400);
    expect((await h.call(`${h.repoApi}/pullrequests?state=OPENED`)).status).toBe(400);
    expect((await h.call(`${h.repoApi}/diff/feature..main?context=lots`)).status).toBe(400);
    expect(h.emulator.violations.length - before).toBe(3);
  });

  it('rejects malformed JSON and non-array annotation bodies', async () => {
    const broken = await h.call(`${h.repoApi}/commit/${head}/reports/lintel`, {
      method: 'PUT',
      body: '{"title": ',
    });
    expect(broken.status).toBe(400);
    expect(await json(broken)).toMatchObject({
      type: 'error',
      error: { message: 'Request body is not valid JSON' },
    });
    const notArray = await h.call(`${h.repoApi}/commit/${head}/reports/lintel/annotations`, {
      method: 'POST',
      json: { summary: 'x' },
    });
    expect(notArray.status).toBe(400);
  });

  it('logs every request with method, path, query and status', async () => {
    const before = h.emulator.requests.length;
    await h.call(`${h.repoApi}/pullrequests/${h.pr.id}?fields=id`);
    expect(h.emulator.requests.slice(before)).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: `${h.repoApi}/pullrequests/${h.pr.id}`,
        query: 'fields=id',
        status: 200,
      }),
    ]);
  });
});

describe('fault injection', () => {
  const prPath = () => `${h.repoApi}/pullrequests/${h.pr.id}`;

  it('answers 429 as plain text without Retry-After, then recovers after `times`', async () => {
    h.emulator.faults.inject({ path: /\/pullrequests\/\d+$/, status: 429, times: 2 });
    for (let i = 0; i < 2; i++) {
      const limited = await h.call(prPath());
      expect(limited.status).toBe(429);
      expect(limited.headers.get('content-type')).toMatch(/^text\/plain/);
      expect(limited.headers.get('retry-after')).toBeNull();
      expect(await limited.text()).toBe('Rate limit for this resource has been exceeded.');
    }
    const ok = await h.call(prPath());
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('1000');
  });

  it('answers 500 and 555 with Bitbucket error JSON, only for the matching method', async () => {
    h.emulator.faults.inject({ method: 'GET', path: /\/diffstat\//, status: 555, times: 1 });
    h.emulator.faults.inject({ method: 'POST', status: 500, times: 1 });
    const timeout = await h.call(`${h.repoApi}/diffstat/feature..main`);
    expect(timeout.status).toBe(555);
    expect(await json(timeout)).toMatchObject({ type: 'error' });
    expect((await h.call(prPath())).status).toBe(200);
    const failed = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/comments`, {
      method: 'POST',
      json: { content: { raw: 'x' } },
    });
    expect(failed.status).toBe(500);
    expect(h.emulator.state.comments('acme', 'widgets', h.pr.id)).toEqual([]);
  });

  it('delays matching responses without failing them', async () => {
    h.emulator.faults.inject({ path: /\/pullrequests\/\d+$/, delayMs: 1500, times: 1 });
    let delayedSettled = false;
    const delayed = h.call(prPath()).then((response) => {
      delayedSettled = true;
      return response;
    });
    // The fault is used up by the first request, so a second one overtakes it.
    expect((await h.call(prPath())).status).toBe(200);
    expect(delayedSettled).toBe(false);
    expect((await delayed).status).toBe(200);
  });

  it('refuses fault specifications it cannot honour', () => {
    expect(() => h.emulator.faults.inject({ status: 503 as 500 })).toThrow(/unsupported status 503/);
    expect(() => h.emulator.faults.inject({ delayMs: -1 })).toThrow(/delayMs/);
  });
});
