import { json, startHarness, type Harness } from './helpers';

let h: Harness;
let head: string;
let reports: string;
beforeAll(async () => {
  h = await startHarness();
  head = await h.fixture.head('feature');
  reports = `${h.repoApi}/commit/${head}/reports`;
});
afterAll(() => h.close());

const annotation = (i: number, extra: Record<string, unknown> = {}) => ({
  external_id: `lintel-${i}`,
  annotation_type: 'CODE_SMELL',
  summary: `finding ${i}`,
  severity: 'LOW',
  path: 'a.txt',
  line: 1,
  ...extra,
});
const report = {
  title: 'Lintel code health',
  report_type: 'BUG',
  reporter: 'Lintel',
  result: 'PENDING',
  data: [{ title: 'Code health', type: 'NUMBER', value: 7.4 }],
};

async function annotationCount(reportId: string): Promise<number> {
  const page = await json<{ size: number }>(await h.call(`${reports}/${reportId}/annotations`));
  return page.size;
}

describe('Code Insights reports and annotations', () => {
  it('creates a report, upserts annotations by external_id, and keeps them on a re-PUT', async () => {
    expect((await h.call(`${reports}/lintel-a`, { method: 'PUT', json: report })).status).toBe(200);
    const posted = await h.call(`${reports}/lintel-a/annotations`, {
      method: 'POST',
      json: [annotation(1), annotation(2)],
    });
    expect(posted.status).toBe(200);
    await h.call(`${reports}/lintel-a/annotations`, {
      method: 'POST',
      json: [annotation(2, { summary: 'updated' })],
    });
    expect(await annotationCount('lintel-a')).toBe(2);
    expect(h.emulator.state.annotations('acme', 'widgets', head, 'lintel-a').map((a) => a.summary)).toEqual([
      'finding 1',
      'updated',
    ]);
    await h.call(`${reports}/lintel-a`, { method: 'PUT', json: { ...report, result: 'FAILED' } });
    expect(await annotationCount('lintel-a')).toBe(2);
    expect(h.emulator.state.reports('acme', 'widgets', head)[0]).toMatchObject({
      result: 'FAILED',
      external_id: 'lintel-a',
    });
  });

  it('clears annotations when the report is deleted and recreated', async () => {
    await h.call(`${reports}/lintel-b`, { method: 'PUT', json: report });
    await h.call(`${reports}/lintel-b/annotations`, { method: 'POST', json: [annotation(1)] });
    expect((await h.call(`${reports}/lintel-b`, { method: 'DELETE' })).status).toBe(204);
    expect((await h.call(`${reports}/lintel-b`)).status).toBe(404);
    await h.call(`${reports}/lintel-b`, { method: 'PUT', json: report });
    expect(await annotationCount('lintel-b')).toBe(0);
  });

  it('refuses more than 100 annotations per POST with Bitbucket’s own error body', async () => {
    await h.call(`${reports}/lintel-c`, { method: 'PUT', json: report });
    const response = await h.call(`${reports}/lintel-c/annotations`, {
      method: 'POST',
      json: Array.from({ length: 101 }, (_, i) => annotation(i)),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 400,
      message: 'Bulk upload supports a maximum of /100 annotations.',
    });
    expect(await annotationCount('lintel-c')).toBe(0);
  });

  it('caps a report at 1000 annotations', async () => {
    await h.call(`${reports}/lintel-d`, { method: 'PUT', json: report });
    for (let chunk = 0; chunk < 10; chunk++) {
      const batch = Array.from({ length: 100 }, (_, i) => annotation(chunk * 100 + i));
      expect((await h.call(`${reports}/lintel-d/annotations`, { method: 'POST', json: batch })).status).toBe(
        200,
      );
    }
    const over = await h.call(`${reports}/lintel-d/annotations`, {
      method: 'POST',
      json: [annotation(5000)],
    });
    expect(over.status).toBe(400);
    expect(await annotationCount('lintel-d')).toBe(1000);
  });

  it('rejects missing or long summaries, duplicate external_ids, >10 data items and unknown reports', async () => {
    await h.call(`${reports}/lintel-e`, { method: 'PUT', json: report });
    const post = (body: unknown) => h.call(`${reports}/lintel-e/annotations`, { method: 'POST', json: body });
    const long = await post([annotation(1, { summary: 'x'.repeat(451) })]);
    expect(long.status).toBe(400);
    expect(await json(long)).toMatchObject({
      type: 'error',
      error: { message: 'The summary field cannot contain more than 450 characters' },
    });
    expect((await post([annotation(1, { summary: '' })])).status).toBe(400);
    expect((await post([annotation(1), annotation(1)])).status).toBe(400);
    expect(await annotationCount('lintel-e')).toBe(0);
    const data = Array.from({ length: 11 }, (_, i) => ({ title: `d${i}`, value: i }));
    expect((await h.call(`${reports}/lintel-e`, { method: 'PUT', json: { ...report, data } })).status).toBe(
      400,
    );
    expect(
      (await h.call(`${reports}/no-such-report/annotations`, { method: 'POST', json: [annotation(1)] }))
        .status,
    ).toBe(404);
    expect((await h.call(`${reports}/no-such-report/annotations`)).status).toBe(404);
  });

  it('needs the full 40-character hash of an existing commit', async () => {
    const short = await h.call(`${h.repoApi}/commit/${head.slice(0, 12)}/reports/lintel-f`, {
      method: 'PUT',
      json: report,
    });
    expect(short.status).toBe(404);
    const unknown = await h.call(`${h.repoApi}/commit/${'0'.repeat(40)}/reports/lintel-f`, {
      method: 'PUT',
      json: report,
    });
    expect(unknown.status).toBe(404);
  });
});

describe('build statuses', () => {
  const status = {
    key: 'lintel-quality-gate',
    state: 'INPROGRESS',
    name: 'Lintel',
    url: 'https://example.com/lintel',
    refname: 'feature',
  };

  it('overwrites a status with the same key and shows it on the pull request', async () => {
    const statuses = `${h.repoApi}/commit/${head}/statuses`;
    expect((await h.call(`${statuses}/build`, { method: 'POST', json: status })).status).toBe(201);
    const again = await h.call(`${statuses}/build`, {
      method: 'POST',
      json: { ...status, state: 'SUCCESSFUL' },
    });
    expect(again.status).toBe(201);
    const list = await json<{ values: Array<{ key: string; state: string }> }>(await h.call(statuses));
    expect(list.values).toEqual([
      expect.objectContaining({ key: 'lintel-quality-gate', state: 'SUCCESSFUL' }),
    ]);
    const onPr = await json<{ values: Array<{ key: string }> }>(
      await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/statuses`),
    );
    expect(onPr.values.map((v) => v.key)).toEqual(['lintel-quality-gate']);
    // The commitstatus schema requires key and state on PUT too; other fields keep their values.
    const put = await h.call(`${statuses}/build/lintel-quality-gate`, {
      method: 'PUT',
      json: { key: 'lintel-quality-gate', state: 'FAILED' },
    });
    expect(await json(put)).toMatchObject({ key: 'lintel-quality-gate', state: 'FAILED', url: status.url });
  });

  it('rejects keys over 40 characters with Bitbucket’s message, bad states and invalid URLs', async () => {
    const statuses = `${h.repoApi}/commit/${head}/statuses/build`;
    const long = await h.call(statuses, { method: 'POST', json: { ...status, key: 'k'.repeat(48) } });
    expect(long.status).toBe(400);
    expect(await json(long)).toMatchObject({
      error: { message: 'Ensure this value has at most 40 characters (it has 48).' },
    });
    expect((await h.call(statuses, { method: 'POST', json: { ...status, state: 'DONE' } })).status).toBe(400);
    expect((await h.call(statuses, { method: 'POST', json: { ...status, url: 'not a url' } })).status).toBe(
      400,
    );
    expect(
      (
        await h.call(`${h.repoApi}/commit/${head.slice(0, 12)}/statuses/build`, {
          method: 'POST',
          json: status,
        })
      ).status,
    ).toBe(404);
  });
});
