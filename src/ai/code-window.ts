/**
 * The code a finding's review prompt shows: a bounded window of the head file around the finding, redacted
 * (./redact-code.ts) before it leaves this module, with a hash that names it for the answer cache. Built by the
 * pipeline where the file text is (src/pipeline/), handed to the publisher as plain data.
 */
import { createHash } from 'node:crypto';
import { hardCodedSecret } from '../engine/rules/hard-coded-secret';
import type { Finding, SourceFile } from '../engine/types';
import { redactCode, type SecretSpan } from './redact-code';

/** Lines shown before the finding's first line and after its last. */
export const WINDOW_CONTEXT_LINES = 8;
/** Most lines a window holds: a long function is shown from a little before the finding, not whole. */
export const WINDOW_MAX_LINES = 80;
/** A longer line (minified code, a data blob) is cut: it would cost tokens and tell the model nothing. */
export const WINDOW_LINE_MAX_CHARS = 240;

export interface CodeWindow {
  path: string;
  /** Head line number of `lines[0]`. */
  startLine: number;
  /** The head file's lines startLine … startLine + lines.length − 1, redacted. */
  lines: string[];
  /** Names this exact (redacted) code: a re-run over unchanged code finds its answer in the cache. */
  hash: string;
}

export const windowEndLine = (window: CodeWindow): number => window.startLine + window.lines.length - 1;

export function sha256Hex(text: string, chars = 32): string {
  return createHash('sha256').update(text).digest('hex').slice(0, chars);
}

const cutLine = (line: string): string =>
  line.length > WINDOW_LINE_MAX_CHARS ? `${line.slice(0, WINDOW_LINE_MAX_CHARS - 1)}…` : line;

/** The window of `text` (the head file) around `finding`, redacted with the scanner's `secrets` in that file. */
export function codeWindow(finding: Finding, text: string, secrets: readonly SecretSpan[]): CodeWindow {
  const all = text.split(/\r?\n/);
  if (all.length > 1 && all[all.length - 1] === '') all.pop();
  const last = Math.max(1, all.length);
  const from = Math.min(last, Math.max(1, finding.line - WINDOW_CONTEXT_LINES));
  const to = Math.min(last, Math.max(finding.line, finding.endLine ?? finding.line) + WINDOW_CONTEXT_LINES);
  const end = Math.min(to, from + WINDOW_MAX_LINES - 1);
  const raw = all.slice(from - 1, end);
  // Cut after redaction: a cut line must not leave a secret's first half behind unredacted.
  const lines = redactCode(raw, from, secrets).map(cutLine);
  return {
    path: finding.path,
    startLine: from,
    lines,
    hash: sha256Hex(`${finding.path}\n${from}\n${lines.join('\n')}`),
  };
}

/** Secret hits as the analysis reports them: hard-coded-secret findings, kept or suppressed, per path. */
export function secretSpansByPath(
  findings: readonly Pick<Finding, 'ruleId' | 'path' | 'line' | 'endLine'>[],
): Map<string, SecretSpan[]> {
  const spans = new Map<string, SecretSpan[]>();
  for (const f of findings) {
    if (f.ruleId !== hardCodedSecret.meta.id) continue;
    const list = spans.get(f.path) ?? [];
    list.push({ line: f.line, ...(f.endLine !== undefined ? { endLine: f.endLine } : {}) });
    spans.set(f.path, list);
  }
  return spans;
}

/** Windows per fingerprint for at most this many findings: more than any run reviews. */
export const CODE_WINDOWS_MAX = 50;

/**
 * Code windows for the findings the AI review may ask about (new HIGH and CRITICAL, not secrets: those never go
 * to the model), keyed by fingerprint. `secretFindings` are every hard-coded-secret finding of the head files,
 * kept or suppressed.
 */
export function codeWindowsFor(
  candidates: readonly Finding[],
  head: readonly SourceFile[],
  secretFindings: readonly Pick<Finding, 'ruleId' | 'path' | 'line' | 'endLine'>[],
): Map<string, CodeWindow> {
  const text = new Map(head.map((f) => [f.path, f.text]));
  const secrets = secretSpansByPath(secretFindings);
  const windows = new Map<string, CodeWindow>();
  for (const finding of candidates) {
    if (windows.size >= CODE_WINDOWS_MAX) break;
    if (finding.ruleId === hardCodedSecret.meta.id) continue;
    if (finding.severity !== 'HIGH' && finding.severity !== 'CRITICAL') continue;
    const source = text.get(finding.path);
    if (source === undefined || windows.has(finding.fingerprint)) continue;
    windows.set(finding.fingerprint, codeWindow(finding, source, secrets.get(finding.path) ?? []));
  }
  return windows;
}
