import { EngineUnavailableError } from '../engine-unavailable';
import type { SecretCandidate } from './types';

/**
 * Adapter over @secretlint/core with the recommended preset. Secretlint 13 is ESM-only and declares
 * `engines.node >= 22`; it is loaded once per process with a native dynamic import(), which works from
 * CommonJS on Node 20 (checked on 20.20) as on 22, its declared engine. Jest needs --experimental-vm-modules for that (the
 * `npm test` script passes it). The AWS rule only reports access key IDs when `enableIDScanRule` is
 * on (docs/analysis-references.md §5).
 */

type SecretlintCore = typeof import('@secretlint/core', { with: { 'resolution-mode': 'import' } });
type SecretlintConfig = Parameters<SecretlintCore['lintSource']>[0]['options']['config'];

const PRESET_ID = '@secretlint/secretlint-rule-preset-recommend';
const RULE_ID_PREFIX = '@secretlint/secretlint-rule-';

let loaded: Promise<{ lintSource: SecretlintCore['lintSource']; config: SecretlintConfig }> | undefined;

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
    const config: SecretlintConfig = {
      rules: [
        {
          id: PRESET_ID,
          rule: preset.creator,
          rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }],
        },
      ],
    };
    return { lintSource: core.lintSource, config };
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

export async function scanWithSecretlint(
  path: string,
  text: string,
  priority: number,
): Promise<SecretCandidate[]> {
  const { lintSource, config } = await loadSecretlint();
  const result = await lintSource({
    source: { filePath: `/${path}`, content: text, ext: extensionOf(path), contentType: 'text' },
    options: { config },
  });
  return result.messages.map((m) => {
    const [start, end] = m.range;
    const secret = text.slice(start, end);
    const ruleId = `secretlint/${m.ruleId.replace(RULE_ID_PREFIX, '')}`;
    return { ruleId, label: labelOf(m.message, secret, ruleId), start, end, secret, priority };
  });
}
