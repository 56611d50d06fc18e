// The Content-Security-Policy a Custom UI page is served with, built as Forge builds it: strict by default, relaxed
// only by what manifest.yml declares under `permissions.content` (Forge's manifest reference, "Content security
// policy"): `scripts` adds sources to script-src, `styles` ('unsafe-inline' only) to style-src.

/** Forge's default for Custom UI: no inline or remote script or style, so a build that needs them fails here too. */
const BASE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['default-src', ["'self'"]],
  ['script-src', ["'self'"]],
  ['style-src', ["'self'"]],
  ['img-src', ["'self'", 'data:']],
  ['connect-src', ["'self'"]],
  ['object-src', ["'none'"]],
  ['base-uri', ["'none'"]],
];

/** Keywords the manifest lists bare (`unsafe-inline`) and a CSP header needs quoted. */
const SCRIPT_KEYWORD =
  /^(unsafe-inline|unsafe-hashes|unsafe-eval|wasm-unsafe-eval|sha(256|384|512)-[A-Za-z0-9+/=]+)$/;
const STYLE_KEYWORD = /^unsafe-inline$/;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function sources(list: unknown, where: string, keyword: RegExp, bare: readonly string[]): string[] {
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new Error(`forge-bridge: manifest.yml ${where} must be a list`);
  return list.map((entry) => {
    const value = typeof entry === 'string' ? entry.replace(/^'(.*)'$/, '$1') : '';
    if (keyword.test(value)) return `'${value}'`;
    if (bare.includes(value)) return value;
    throw new Error(
      `forge-bridge: manifest.yml ${where} has '${String(entry)}', which Forge does not accept there ` +
        `(allowed: ${keyword === STYLE_KEYWORD ? 'unsafe-inline' : 'unsafe-inline, unsafe-hashes, unsafe-eval, blob:, sha256-…'})`,
    );
  });
}

/** `permissions` is the manifest's `permissions` section (or undefined). Throws on a value Forge would reject. */
export function contentSecurityPolicy(permissions: unknown): string {
  const content = isObject(permissions) ? permissions.content : undefined;
  if (content !== undefined && !isObject(content))
    throw new Error('forge-bridge: manifest.yml permissions.content must be a mapping');
  const extra: Record<string, string[]> = {
    'script-src': sources(content?.scripts, 'permissions.content.scripts', SCRIPT_KEYWORD, ['blob:']),
    'style-src': sources(content?.styles, 'permissions.content.styles', STYLE_KEYWORD, []),
  };
  return BASE.map(([directive, base]) => [directive, ...base, ...(extra[directive] ?? [])].join(' ')).join(
    '; ',
  );
}
