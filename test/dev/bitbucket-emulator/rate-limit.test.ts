/**
 * The emulator enforces Bitbucket's hourly budget for /2.0/repositories/* (dev/bitbucket-emulator/rate-limit.ts):
 * per workspace for apps, per user otherwise, with only the headers Bitbucket documents.
 */
import { startHarness, type Harness } from './helpers';

const WORKSPACE_UUID = '{11111111-1111-4111-8111-111111111111}';

describe("the emulator's hourly rate limit", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const prPath = (harness: Harness) => `${harness.repoApi}/pullrequests/${harness.pr.id}`;

  it("sends Bitbucket's three headers at its base limit, and no Remaining, Reset or Retry-After", async () => {
    h = await startHarness();
    const ok = await h.call(prPath(h));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ratelimit-limit')).toBe('1000');
    expect(ok.headers.get('x-ratelimit-resource')).toBe('api-repositories');
    expect(ok.headers.get('x-ratelimit-nearlimit')).toBe('false');
    for (const absent of ['x-ratelimit-remaining', 'x-ratelimit-reset', 'retry-after'])
      expect(ok.headers.get(absent)).toBeNull();
    // Only the repositories group is counted and labelled.
    const user = await h.call('/2.0/user/workspaces/acme/permission');
    expect(user.headers.get('x-ratelimit-limit')).toBeNull();
    expect(h.emulator.rateLimits.used('acme')).toBe(1);
  });

  it('says NearLimit once less than 20% remains, then refuses with a plain-text 429 that changes nothing', async () => {
    h = await startHarness(undefined, { rateLimit: { requestsPerHour: 10 } });
    const near: string[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await h.call(prPath(h));
      expect(res.status).toBe(200);
      near.push(res.headers.get('x-ratelimit-nearlimit') ?? '');
    }
    // 9 of 10 left after the first request … 0 after the tenth: "true" below 2.
    expect(near).toEqual([...Array<string>(8).fill('false'), 'true', 'true']);
    const refused = await h.call(`${h.repoApi}/pullrequests/${h.pr.id}/comments`, {
      method: 'POST',
      json: { content: { raw: 'over the limit' } },
    });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(refused.headers.get('retry-after')).toBeNull();
    expect(await refused.text()).toBe('Rate limit for this resource has been exceeded.');
    expect(h.emulator.state.comments('acme', 'widgets', h.pr.id)).toEqual([]);
    // Refusals are not counted: the budget stays at its limit, not above it.
    expect(h.emulator.rateLimits.used(WORKSPACE_UUID)).toBe(10);
  });

  it('is one budget for every app in the workspace, while a person has their own', async () => {
    h = await startHarness(undefined, { rateLimit: { requestsPerHour: 3 } });
    const harness = h;
    const otherApp = harness.emulator.addUser({ displayName: 'Another app', app: true });
    const person = harness.emulator.addUser({ displayName: 'Rae' });
    const as = (token: string) =>
      fetch(`${harness.emulator.baseUrl}${prPath(harness)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await harness.call(prPath(harness))).status).toBe(200);
    expect((await as(otherApp.token)).status).toBe(200);
    expect((await harness.call(prPath(harness))).status).toBe(200);
    expect((await as(otherApp.token)).status).toBe(429);
    expect((await harness.call(prPath(harness))).status).toBe(429);
    expect((await as(person.token)).status).toBe(200);
  });

  it("counts another app's requests, takes a scaled limit and frees requests as the hour rolls", async () => {
    let now = 1_000_000;
    h = await startHarness(undefined, { rateLimit: { hourMs: 60_000, now: () => now } });
    h.emulator.rateLimits.spend('acme', 1000);
    expect((await h.call(prPath(h))).status).toBe(429);
    now += 30_000;
    h.emulator.rateLimits.setLimit('acme', 2500);
    const scaled = await h.call(prPath(h));
    expect(scaled.status).toBe(200);
    expect(scaled.headers.get('x-ratelimit-limit')).toBe('2500');
    h.emulator.rateLimits.setLimit('acme', 1000);
    expect((await h.call(prPath(h))).status).toBe(429);
    // A rolling hour: the other app's 1,000 requests leave the window an hour after they were made.
    now += 30_001;
    const rolled = await h.call(prPath(h));
    expect(rolled.status).toBe(200);
    expect(h.emulator.rateLimits.used('acme')).toBe(2);
    expect(() => h?.emulator.rateLimits.setLimit('acme', 20_000)).toThrow(/10000/);
    expect(() => h?.emulator.rateLimits.spend('nowhere', 1)).toThrow(/unknown workspace/);
  });

  it('counts without refusing when enforcement is off', async () => {
    h = await startHarness(undefined, { rateLimit: { requestsPerHour: 1, enforce: false } });
    for (let i = 0; i < 3; i++) expect((await h.call(prPath(h))).status).toBe(200);
    const last = await h.call(prPath(h));
    expect(last.headers.get('x-ratelimit-nearlimit')).toBe('true');
    expect(h.emulator.rateLimits.used('acme')).toBe(4);
  });
});
