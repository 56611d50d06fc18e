/**
 * What the property tests against real git share (test/diff/full-context.property.test.ts,
 * test/fuzz/patch-vs-git.fuzz.test.ts): text files as fast-check generates them — LF and CRLF lines, with or without
 * a final newline, lines that look like diff syntax — random edits of them, and git run with no user or system
 * configuration, so the bytes it stores are exactly the ones written.
 */
import { execFileSync } from 'node:child_process';
import fc from 'fast-check';

/** Lines that are easy to mistake for diff syntax, blank or non-ASCII. */
export const AWKWARD_LINES = [
  '',
  '}',
  '{',
  'return x;',
  '  if (a) {',
  'ünï 日本',
  '-- x',
  '+ y',
  '\\ z',
  ' ',
  '@@ -1 +1 @@',
  '--- a/f',
  'diff --git a/x b/x',
];

export interface Line {
  text: string;
  eol: string;
}

export interface Content {
  lines: Line[];
  finalNewline: boolean;
}

export const lineArb: fc.Arbitrary<Line> = fc.record({
  text: fc.oneof(
    fc.constantFrom(...AWKWARD_LINES),
    fc.nat(40).map((n) => `line ${n}`),
  ),
  eol: fc.constantFrom('\n', '\n', '\n', '\r\n'),
});

export const contentArb = (lines: { minLength?: number; maxLength: number }): fc.Arbitrary<Content> =>
  fc.record({ lines: fc.array(lineArb, lines), finalNewline: fc.boolean() });

export const render = ({ lines, finalNewline }: Content): string =>
  lines.map((l, i) => (i < lines.length - 1 || finalNewline ? l.text + l.eol : l.text)).join('');

/** Remove up to 3 lines at a position and insert up to 3 new ones. */
export const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat(3),
  insert: fc.array(lineArb, { maxLength: 3 }),
});
export type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

export function applyEdits(lines: readonly Line[], edits: readonly Edit[]): Line[] {
  const out = [...lines];
  for (const e of edits) out.splice(e.at % (out.length + 1), e.remove, ...e.insert);
  return out;
}

const GIT_ENV = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'property',
  GIT_AUTHOR_EMAIL: 'property@example.com',
  GIT_COMMITTER_NAME: 'property',
  GIT_COMMITTER_EMAIL: 'property@example.com',
};

/** git in `cwd`, line endings and path names left exactly as they are. */
export const git = (cwd: string, args: string[]): string =>
  execFileSync('git', ['-c', 'core.autocrlf=false', '-c', 'core.quotePath=true', ...args], {
    cwd,
    encoding: 'utf8',
    env: GIT_ENV,
    maxBuffer: 64 * 1024 * 1024,
  });
