import { isAnonymousName } from '../rules/function-names';
import { fnv1a64 } from './fnv1a64';
import { normaliseCode } from './normalise-code';

/** What a fingerprint is computed from; a subset of a finding. */
export interface FingerprintSubject {
  ruleId: string;
  path: string;
  line: number;
  endLine?: number;
  functionName?: string;
  /** Explicit identity chosen by the rule (e.g. `'file'`); wins over function name and code. */
  identity?: string;
}

// A separator that cannot occur in paths, rule ids or collapsed code.
const SEP = '\u0000';

/**
 * The line-independent part of a finding's identity: the rule's explicit identity, else the function name
 * (plus its first line's code for anonymous functions, which share one name), else the normalised code of
 * the anchored lines.
 */
export function identityKey(subject: FingerprintSubject, sourceLines: readonly string[]): string {
  const { ruleId, path } = subject;
  let anchor: string;
  if (subject.identity !== undefined) anchor = `id:${subject.identity}`;
  else if (subject.functionName !== undefined && !isAnonymousName(subject.functionName)) {
    anchor = `fn:${subject.functionName}`;
  } else {
    anchor = `code:${subject.functionName ?? ''}${SEP}${normaliseCode(sourceLines, subject.line, subject.endLine ?? subject.line)}`;
  }
  return [ruleId, path, anchor].join(SEP);
}

/**
 * Fingerprints for one file's findings, in input order. Findings with the same identity key are told
 * apart by their occurrence index in line order, so two identical duplicated blocks still differ while
 * moving code up or down keeps every fingerprint.
 */
export function fingerprintsFor(
  subjects: readonly FingerprintSubject[],
  sourceLines: readonly string[],
): string[] {
  const order = subjects
    .map((subject, index) => ({ subject, index, key: identityKey(subject, sourceLines) }))
    .sort((a, b) => a.subject.line - b.subject.line || a.index - b.index);
  const seen = new Map<string, number>();
  const result: string[] = new Array<string>(subjects.length);
  for (const { key, index } of order) {
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    result[index] = fnv1a64(`${key}${SEP}${occurrence}`);
  }
  return result;
}
