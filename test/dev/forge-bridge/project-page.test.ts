// The project settings page on the local bridge: its context names the project from `?project=`, a bad one is a 400
// naming it, and the resolver behind the page proves the claim as the signed-in person (requireProjectAdmin).
// Real runtime, real resolvers, the emulator of test/support/access-world.ts; nothing is mocked.
import { CORE_PROJECT_UUID } from '../../support/access-world';
import { assertPagesBuilt, startHarness, type Harness } from './harness';

let h: Harness;

beforeAll(async () => {
  assertPagesBuilt();
  h = await startHarness();
});
afterAll(() => h?.stop());

/** Opens a page as a browser would: its session's bridge script (with the context) and invoke URL. */
async function openPage(url: string): Promise<{ context: Record<string, unknown>; invokeUrl: string }> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  const session = /<script src="(\/__bridge\/[0-9a-f]{32})\/bridge\.js"><\/script>/.exec(await page.text());
  if (!session) throw new Error('no bridge script in the page');
  const script = await (await fetch(`${h.bridge.baseUrl}${session[1]}/bridge.js`)).text();
  const context = JSON.parse(/var context = (.*);\n/.exec(script)![1]!) as Record<string, unknown>;
  return { context, invokeUrl: `${h.bridge.baseUrl}${session[1]}/invoke` };
}

async function getSettings(invokeUrl: string) {
  const res = await fetch(invokeUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ functionKey: 'getSettings' }),
  });
  return (await res.json()) as { ok: boolean; value?: Record<string, unknown>; error?: string };
}

test("the page's extension is the project settings page's, naming the project as Bitbucket spells it", async () => {
  const shouted = CORE_PROJECT_UUID.toUpperCase().replace(/[{}]/g, '');
  const url = h.bridge.url('project-settings', { project: shouted });
  const { context } = await openPage(url);
  expect(context).toMatchObject({
    moduleKey: 'project-settings',
    extension: {
      type: 'bitbucket:projectSettingsMenuPage',
      project: { uuid: CORE_PROJECT_UUID },
      location: url,
    },
  });
  expect(context.extension).not.toHaveProperty('repository');
});

test('a missing or malformed project is a 400 naming it', async () => {
  const missing = await fetch(h.bridge.url('project-settings'));
  expect(missing.status).toBe(400);
  expect(await missing.text()).toContain("missing query parameter 'project'");
  const malformed = await fetch(h.bridge.url('project-settings', { project: 'CORE' }));
  expect(malformed.status).toBe(400);
  expect(await malformed.text()).toContain("query parameter 'project' is not a Bitbucket UUID: 'CORE'");
});

test("the page's resolver shows the project's settings to its admin and refuses a repository admin", async () => {
  const as = (person: 'projectAdmin' | 'admin') =>
    h.bridge.url('project-settings', {
      project: CORE_PROJECT_UUID,
      account: h.world.people[person].accountId,
    });
  const granted = await getSettings((await openPage(as('projectAdmin'))).invokeUrl);
  expect(granted).toMatchObject({ ok: true, value: { level: 'project' } });
  const refused = await getSettings((await openPage(as('admin'))).invokeUrl);
  expect(refused).toEqual({
    ok: true,
    value: {
      access: 'refused',
      reason: 'forbidden',
      message:
        "Only project admins can show this project's Lintel settings; you are not an admin of this project.",
    },
  });
});
