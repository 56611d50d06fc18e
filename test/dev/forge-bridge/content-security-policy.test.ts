// The CSP the bridge serves pages with, built from manifest.yml's `permissions.content` as Forge builds it
// (strict unless declared), and the host's theme sheets it links for view.theme.enable().
import { contentSecurityPolicy } from '../../../dev/forge-bridge/content-security-policy';
import { loadUiManifest } from '../../../dev/forge-bridge/uiModules';
import { REPO_A, APP_ROOT, assertPagesBuilt, startHarness, type Harness } from './harness';

const directive = (policy: string, name: string): string | undefined =>
  policy
    .split(';')
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `));

test('without permissions.content the policy allows no inline or remote script or style', () => {
  const policy = contentSecurityPolicy({ scopes: ['storage:app'] });
  expect(directive(policy, 'script-src')).toBe("script-src 'self'");
  expect(directive(policy, 'style-src')).toBe("style-src 'self'");
  expect(directive(policy, 'object-src')).toBe("object-src 'none'");
});

test('what the manifest declares is added, quoted as a CSP needs', () => {
  const policy = contentSecurityPolicy({
    content: { styles: ['unsafe-inline'], scripts: ['unsafe-hashes', 'blob:'] },
  });
  expect(directive(policy, 'style-src')).toBe("style-src 'self' 'unsafe-inline'");
  expect(directive(policy, 'script-src')).toBe("script-src 'self' 'unsafe-hashes' blob:");
});

test('a source Forge would not accept is an error naming it, not a looser policy', () => {
  expect(() => contentSecurityPolicy({ content: { styles: ['https://cdn.example.com'] } })).toThrow(
    "permissions.content.styles has 'https://cdn.example.com', which Forge does not accept there",
  );
  expect(() => contentSecurityPolicy({ content: { scripts: 'unsafe-eval' } })).toThrow(
    'permissions.content.scripts must be a list',
  );
});

describe('served pages', () => {
  let h: Harness;
  beforeAll(async () => {
    assertPagesBuilt();
    h = await startHarness();
  });
  afterAll(() => h?.stop());

  test("pages carry the policy of Lintel's own manifest", async () => {
    const res = await fetch(h.bridge.url('repo-settings', { repository: REPO_A }));
    const manifest = loadUiManifest(APP_ROOT);
    expect(res.headers.get('content-security-policy')).toBe(manifest.contentSecurityPolicy);
  });

  test('the host serves the design-token sheets it links, and nothing else under that path', async () => {
    const dark = await fetch(`${h.bridge.baseUrl}/__bridge/themes/dark.css`);
    expect(dark.headers.get('content-type')).toContain('text/css');
    expect(await dark.text()).toContain('html[data-color-mode="dark"][data-theme~="dark:dark"]');
    const unknown = await fetch(`${h.bridge.baseUrl}/__bridge/themes/neon.css`);
    expect(unknown.status).toBe(404);
  });

  test('a theme other than light or dark is a 400 naming it', async () => {
    const res = await fetch(`${h.bridge.url('repo-settings', { repository: REPO_A })}&theme=sepia`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("query parameter 'theme' must be 'light' or 'dark', not 'sepia'");
  });
});
