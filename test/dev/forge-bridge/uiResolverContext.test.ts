// The ui-resolver function (src/forge/resolver.ts) run by the Forge runtime shim with hand-built contexts,
// for the malformed contexts the bridge server itself never produces.
import { kvs } from '@forge/kvs';
import { ACCOUNT_ID, REPO_A, WORKSPACE_UUID, startHarness, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

const call = (moduleKey: string, functionKey: string, extension: object) =>
  h.runtime.invokeResolver(moduleKey, { functionKey }, { accountId: ACCOUNT_ID, extension });

test('a context without a valid repository UUID is refused with a reason', async () => {
  const result = await call('repo-settings', 'getSettings', { repository: { uuid: '../../etc' } });
  expect(result.ok).toBe(false);
  expect(result.error).toContain('has no valid repository.uuid');
});

test('a panel context without a pull request id is refused with a reason', async () => {
  const result = await call('pr-panel', 'getPanelState', { repository: { uuid: REPO_A } });
  expect(result.ok).toBe(false);
  expect(result.error).toContain('has no valid pullRequest.id');
});

test('stored repository settings are returned for the repository page', async () => {
  const stored = { statusChecks: false, annotations: false, summaries: true, aiComments: true };
  await kvs.set(`settings:repo:${REPO_A.replace(/[{}]/g, '')}`, stored);
  const result = await call('repo-settings', 'getSettings', { repository: { uuid: REPO_A } });
  expect(result).toMatchObject({ ok: true, value: { overrides: stored, effective: stored } });
});

test('settings stored as something other than an object are reported and ignored, not passed on', async () => {
  await kvs.set(`settings:ws:${WORKSPACE_UUID.replace(/[{}]/g, '')}`, 'yes please');
  const result = await call('workspace-settings', 'getSettings', { workspace: { uuid: WORKSPACE_UUID } });
  expect(result).toMatchObject({
    ok: true,
    value: {
      overrides: {},
      notices: [
        expect.stringMatching(/could not be read and are ignored: the stored value is not an object/),
      ],
    },
  });
});
