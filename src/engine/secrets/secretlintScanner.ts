import { EngineUnavailableError } from '../engine-unavailable';
import { secretlintRulesToRun } from './secretlint-prefilter';
import type { SecretCandidate } from './types';

/**
 * Adapter over @secretlint/core with the recommended preset. Secretlint 13 is ESM-only and declares
 * `engines.node >= 22`; it is loaded once per process with a native dynamic import(), which works from
 * CommonJS on Node 20 (checked on 20.20) as on 22, its declared engine. Jest needs --experimental-vm-modules for that (the
 * `npm test` script passes it). The AWS rule only reports access key IDs when `enableIDScanRule` is
 * on (docs/analysis-references.md §5). Each file runs only the rules whose keywords it contains
 * (secretlint-prefilter.ts); the whole preset is kept as the reference the prefilter is tested against.
 */

type SecretlintCore = typeof import('@secretlint/core', { with: { 'resolution-mode': 'import' } });
type SecretlintConfig = Parameters<SecretlintCore['lintSource']>[0]['options']['config'];
type SecretlintPreset = typeof import('@secretlint/secretlint-rule-preset-recommend', {
  with: { 'resolution-mode': 'import' },
});
type SecretlintRule = SecretlintPreset['rules'][number];

const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';
const RULE_ID_PREFIX = '@secretlint/secretlint-rule-';
const BYTE_ORDER_MARK = 0xfeff;

interface LoadedSecretlint {
  lintSource: SecretlintCore['lintSource'];
  /** The preset's rules in its own order, by id without RULE_ID_PREFIX. */
  rules: ReadonlyMap<string, SecretlintRule>;
  ruleIds: readonly string[];
  /** A config running only these rules of the preset, with our options and ids unchanged. */
  configFor(rules: readonly SecretlintRule[]): SecretlintConfig;
}

let loaded: Promise<LoadedSecretlint> | undefined;

function loadSecretlint(): NonNullable<typeof loaded> {
  loaded ??= (async () => {
    const [core, preset, profiler] = await Promise.all([
      import('@secretlint/core'),
      import('@secretlint/secretlint-rule-preset-recommend'),
      import('@secretlint/profiler'),
    ]);
    // On by default, the profiler records performance marks for every rule and file and never drops
    // them: memory grows with every scan (secretlint/secretlint#1633).
    profiler.secretLintProfiler.setEnabled(false);
    // The subset is registered through a preset with the real preset's id and meta, exactly as the preset
    // registers its own rules, so rule ids, options and message order stay what the whole preset gives.
    const configFor = (rules: readonly SecretlintRule[]): SecretlintConfig => {
      const subset: SecretlintPreset['creator'] = {
        ...preset.creator,
        rules: [...rules],
        create(context) {
          for (const rule of rules) context.registerRule(rule);
        },
      };
      return {
        rules: [
          {
            id: PRESET_ID,
            rule: subset,
            rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
          },
        ],
      };
    };
    const rules = new Map(preset.rules.map((rule) => [rule.meta.id.replace(RULE_ID_PREFIX, ''), rule]));
    return { lintSource: core.lintSource, rules, ruleIds: [...rules.keys()], configFor };
  })().catch((error: unknown) => {
    // Without secretlint every file would be "not scanned": that is a broken installation, not a finding.
    loaded = undefined;
    throw new EngineUnavailableError(
      `the secret scanner (secretlint) could not be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  });
  return loaded;
}

function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot) : '';
}

/**
 * Secretlint messages embed the secret ("found GitHub Token: ghp_…"), so only the text before the
 * first colon is kept as the label, and only when it does not contain the value.
 */
function labelOf(message: string, secret: string, ruleId: string): string {
  const colon = message.indexOf(':');
  const head = (colon >= 0 ? message.slice(0, colon) : '').replace(/^found\s+/i, '').trim();
  return head.length > 0 && !head.includes(secret) ? head : ruleId;
}

/** secretlint's findings on one file, running only the rules that can match it. */
export async function scanWithSecretlint(
  path: string,
  text: string,
  priority: number,
): Promise<SecretCandidate[]> {
  const secretlint = await loadSecretlint();
  const ext = extensionOf(path);
  const ids = secretlintRulesToRun(secretlint.ruleIds, ext, text);
  if (ids.length === 0) return [];
  const rules = ids.flatMap((id) => secretlint.rules.get(id) ?? []);
  return lintWith(secretlint, rules, path, ext, text, priority);
}

/** The same scan with every rule of the preset on every file: the reference the prefilter must equal. */
export async function scanWithWholeSecretlintPreset(
  path: string,
  text: string,
  priority: number,
): Promise<SecretCandidate[]> {
  const secretlint = await loadSecretlint();
  return lintWith(secretlint, [...secretlint.rules.values()], path, extensionOf(path), text, priority);
}

async function lintWith(
  { lintSource, configFor }: LoadedSecretlint,
  rules: readonly SecretlintRule[],
  path: string,
  ext: string,
  text: string,
  priority: number,
): Promise<SecretCandidate[]> {
  const result = await lintSource({
    source: { filePath: `/${path}`, content: text, ext, contentType: 'text' },
    options: { config: configFor(rules) },
  });
  // secretlint drops a leading byte order mark and reports ranges in the text without it.
  const shift = text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  return result.messages.map((m) => {
    const [start, end] = [m.range[0] + shift, m.range[1] + shift];
    const secret = text.slice(start, end);
    const ruleId = `secretlint/${m.ruleId.replace(RULE_ID_PREFIX, '')}`;
    return { ruleId, label: labelOf(m.message, secret, ruleId), start, end, secret, priority };
  });
}
