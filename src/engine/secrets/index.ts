import { isEngineUnavailable } from '../engine-unavailable';
import type { SourceFile } from '../types';
import { genericRulesFor } from './genericRules';
import { LineIndex } from './lineIndex';
import { scanWithRules } from './patternScanner';
import { PROVIDER_RULES } from './providerRules';
import { leaksSecret, redactedPrefix } from './redact';
import { scanWithSecretlint } from './secretlintScanner';
import type { SecretCandidate, SecretHit } from './types';

export type { SecretHit } from './types';

/** Input the scanner cannot read (not a SourceFile). Odd text never throws. */
export class SecretScanInputError extends Error {
  override readonly name = 'SecretScanInputError';
}

/** secretlint failed on a file; names the file, keeps the cause. (Failing to load it is EngineUnavailableError.) */
export class SecretScanError extends Error {
  override readonly name = 'SecretScanError';
  constructor(
    readonly path: string,
    cause: unknown,
  ) {
    super(`Secret scan of ${path} failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
  }
}

/**
 * A reviewed false positive can be silenced on its line with the markers users of gitleaks and
 * secretlint already write (`gitleaks:allow`, `secretlint-disable-line`) or our own `lintel:allow-secret`.
 */
const INLINE_ALLOW = /gitleaks:allow|secretlint-disable-line|lintel:allow-secret/;

/** When two rules flag overlapping text, the more specific one is reported (lower wins). */
const PRIORITY_PROVIDER = 0;
const PRIORITY_SECRETLINT = 1;
const PRIORITY_GENERIC = 2;

/**
 * Finds likely secrets in one file: secretlint's recommended preset plus our provider patterns and
 * generic password/API-key assignments. Hits never contain the secret value, only a redacted prefix.
 */
export async function scanSecrets(file: SourceFile): Promise<SecretHit[]> {
  if (!file || typeof file.path !== 'string' || typeof file.text !== 'string') {
    throw new SecretScanInputError('scanSecrets expects a SourceFile with string `path` and `text`');
  }
  const { path, text } = file;
  if (text.length === 0) return [];
  let fromSecretlint: SecretCandidate[];
  try {
    fromSecretlint = await scanWithSecretlint(path, text, PRIORITY_SECRETLINT);
  } catch (err) {
    if (isEngineUnavailable(err)) throw err;
    throw new SecretScanError(path, err);
  }
  const candidates = [
    ...scanWithRules(text, PROVIDER_RULES, PRIORITY_PROVIDER),
    ...fromSecretlint,
    ...scanWithRules(text, genericRulesFor(path), PRIORITY_GENERIC),
  ];
  const index = new LineIndex(text);
  return withoutOverlaps(candidates)
    .filter((c) => !INLINE_ALLOW.test(index.lineText(index.lineOf(c.start))))
    .map((c) => toHit(c, index));
}

/** Keeps one candidate per group of overlapping spans: the most specific rule, then the earliest. */
function withoutOverlaps(candidates: SecretCandidate[]): SecretCandidate[] {
  const sorted = [...candidates].sort((a, b) => a.start - b.start || a.priority - b.priority);
  const kept: SecretCandidate[] = [];
  let best: SecretCandidate | undefined;
  let groupEnd = -1;
  for (const c of sorted) {
    if (best && c.start < groupEnd) {
      if (c.priority < best.priority) best = c;
      groupEnd = Math.max(groupEnd, c.end);
    } else {
      if (best) kept.push(best);
      best = c;
      groupEnd = c.end;
    }
  }
  if (best) kept.push(best);
  return kept;
}

function toHit(c: SecretCandidate, index: LineIndex): SecretHit {
  const { line, column } = index.position(c.start);
  const endLine = index.lineOf(Math.max(c.start, c.end - 1));
  let preview = c.preview ?? redactedPrefix(c.secret);
  let message = `Possible ${c.label} (${preview}). Remove it from the code and revoke it.`;
  if (leaksSecret(preview, c.secret) || leaksSecret(message, c.secret)) {
    preview = '…';
    message = 'Possible secret in the code. Remove it from the code and revoke it.';
  }
  return { ruleId: c.ruleId, line, column, endLine, message, preview };
}
