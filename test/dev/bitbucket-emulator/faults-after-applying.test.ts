// A fault `afterApplying`: Bitbucket did the write, but the client hears 500 — so a client that simply repeats a
// POST writes twice, as it would against a gateway timeout on Bitbucket Cloud.
import { startHarness, type Harness } from './helpers';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());
afterEach(() => h.emulator.faults.clear());

const commentsPath = () => `${h.repoApi}/pullrequests/${h.pr.id}/comments`;
const raws = () =>
  h.emulator.state.comments('acme', 'widgets', h.pr.id).map((c) => (c.content as { raw: string }).raw);

test('the write takes effect, the answer is a 500, and a repeated POST duplicates the comment', async () => {
  h.emulator.faults.inject({
    method: 'POST',
    path: /\/comments$/,
    status: 500,
    times: 1,
    afterApplying: true,
  });
  const first = await h.call(commentsPath(), { method: 'POST', json: { content: { raw: 'hello' } } });
  expect(first.status).toBe(500);
  expect(await first.json()).toMatchObject({ type: 'error' });
  expect(raws()).toEqual(['hello']);

  const again = await h.call(commentsPath(), { method: 'POST', json: { content: { raw: 'hello' } } });
  expect(again.status).toBe(201);
  expect(raws()).toEqual(['hello', 'hello']);
  expect(h.emulator.requests.slice(-2).map((r) => r.status)).toEqual([500, 201]);
});

test('afterApplying is refused for statuses that mean Bitbucket did nothing', () => {
  expect(() => h.emulator.faults.inject({ status: 429, afterApplying: true })).toThrow(
    /afterApplying models a write that took effect; use it with status 500/,
  );
});
