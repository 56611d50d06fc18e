// requireProjectAdmin (src/forge/resolvers/authorize.ts) inside real resolver invocations (fixture app
// test/fixtures/authorize-app) under the real @forge/api: Bitbucket, asked as the invoking person, lists project
// `core`'s permissions only to its admins. The emulator enforces that; nothing is mocked.
import path from 'node:path';
import { extensions } from '../../../dev/forge-runtime';
import type { CheckPayload } from '../../fixtures/authorize-app/src/resolver';
import {
  CORE_PROJECT_UUID,
  OPS_PROJECT_UUID,
  WORKSPACE_UUID,
  startAccessWorld,
  type AccessWorld,
  type Person,
} from '../../support/access-world';

let world: AccessWorld;
beforeAll(async () => {
  world = await startAccessWorld({ appRoot: path.resolve(__dirname, '../../fixtures/authorize-app') });
});
afterAll(() => world?.stop());
afterEach(() => world.emulator.faults.clear());

async function projectAdmin(person: Person, projectUuid: string, extra: Partial<CheckPayload> = {}) {
  const result = await world.runtime.invokeResolver(
    'checks',
    { functionKey: 'check', payload: { check: 'projectAdmin', projectUuid, ...extra } },
    // The check takes the project it is given (the page's claim); the extension plays no part in it.
    { accountId: world.people[person].accountId, extension: extensions.projectSettings(CORE_PROJECT_UUID) },
  );
  return result;
}

async function decision(person: Person, projectUuid: string) {
  const result = await projectAdmin(person, projectUuid);
  if (!result.ok) throw new Error(`the check failed: ${result.error}`);
  return result.value;
}

const forbidden = (message: string) => ({
  access: 'refused',
  reason: 'forbidden',
  message: expect.stringContaining(message),
});

test("grants the project's own admin and the workspace owner, with the key when Bitbucket names it", async () => {
  expect(await decision('projectAdmin', CORE_PROJECT_UUID)).toEqual({
    access: 'granted',
    value: { projectUuid: CORE_PROJECT_UUID, projectKey: 'CORE' },
  });
  expect(await decision('owner', CORE_PROJECT_UUID)).toEqual({
    access: 'granted',
    value: { projectUuid: CORE_PROJECT_UUID, projectKey: 'CORE' },
  });
  // ops has no explicit user permission to list, so the answer names no key; the 200 is the grant all the same.
  expect(await decision('owner', OPS_PROJECT_UUID)).toEqual({
    access: 'granted',
    value: { projectUuid: OPS_PROJECT_UUID },
  });
});

test('names the project as Bitbucket spells it, whatever case or braces the claim had', async () => {
  const shouted = CORE_PROJECT_UUID.toUpperCase().replace(/[{}]/g, '');
  expect(await decision('projectAdmin', shouted)).toMatchObject({
    access: 'granted',
    value: { projectUuid: CORE_PROJECT_UUID },
  });
});

test('refuses repository admins, readers and admins of another project: Bitbucket answers 403', async () => {
  const notAdmin =
    "Only project admins can show this project's Lintel settings; you are not an admin of this project.";
  // Ada administers widgets, a repository of core, but not core itself.
  expect(await decision('admin', CORE_PROJECT_UUID)).toEqual(forbidden(notAdmin));
  expect(await decision('writer', CORE_PROJECT_UUID)).toEqual(forbidden(notAdmin));
  expect(await decision('reader', CORE_PROJECT_UUID)).toEqual(forbidden(notAdmin));
});

test('refuses whoever Bitbucket does not show the project to (404), without telling whether it exists', async () => {
  const hidden = 'Bitbucket does not show you this project (HTTP 404)';
  expect(await decision('outsider', CORE_PROJECT_UUID)).toEqual(forbidden(hidden));
  // Pia administers core; ops is private and none of hers.
  expect(await decision('projectAdmin', OPS_PROJECT_UUID)).toEqual(forbidden(hidden));
  expect(await decision('owner', '{00000000-0000-4000-8000-000000000000}')).toEqual(forbidden(hidden));
});

test("asks Bitbucket once, as the caller, at the installation's workspace", async () => {
  const before = world.runtime.bitbucketRequests.length;
  await decision('reader', CORE_PROJECT_UUID);
  const asked = world.runtime.bitbucketRequests.slice(before);
  expect(asked).toEqual([
    expect.objectContaining({
      provider: 'user',
      accountId: world.people.reader.accountId,
      method: 'GET',
      status: 403,
    }),
  ]);
  expect(decodeURIComponent(asked[0]!.path)).toBe(
    `/2.0/workspaces/${WORKSPACE_UUID}/projects/${CORE_PROJECT_UUID}/permissions-config/users?pagelen=1`,
  );
});

test('without consent it answers needs-consent, or lets Forge prompt when the page asks for it', async () => {
  expect(await decision('newcomer', CORE_PROJECT_UUID)).toEqual({
    access: 'refused',
    reason: 'needs-consent',
    message: expect.stringMatching(/^Lintel needs your permission to read this project as you/),
  });
  expect(await projectAdmin('newcomer', CORE_PROJECT_UUID, { promptForConsent: true })).toMatchObject({
    ok: false,
    error: expect.stringContaining('NEEDS_AUTHENTICATION_ERR'),
  });
});

test('a 500 or a 429 is "unverified", never a grant', async () => {
  world.emulator.faults.inject({ path: /\/permissions-config\/users$/, status: 500, times: 1 });
  expect(await decision('projectAdmin', CORE_PROJECT_UUID)).toEqual({
    access: 'refused',
    reason: 'unverified',
    message: expect.stringContaining('Bitbucket answered HTTP 500'),
  });
  world.emulator.faults.inject({ path: /\/permissions-config\/users$/, status: 429, times: 1 });
  expect(await decision('owner', CORE_PROJECT_UUID)).toMatchObject({ reason: 'unverified' });
});

test("every request the check made is one Bitbucket's OpenAPI document allows", () => {
  expect(world.emulator.violations).toEqual([]);
});
