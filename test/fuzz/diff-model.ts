/**
 * A model of git's unified diff and a printer that writes it the way git does (git-diff(1), diff.c): the fuzz tests
 * generate random models with fast-check, print them, and check that the parser reads the model back.
 */
import fc from 'fast-check';

export type ModelKind = 'modified' | 'added' | 'removed' | 'renamed' | 'copied' | 'binary' | 'mode';

export interface ModelLine {
  kind: 'context' | 'del' | 'add';
  text: string;
}

export interface ModelHunk {
  /** Unchanged lines skipped before this hunk on both sides (git never prints two hunks that touch). */
  gap: number;
  section: string;
  lines: ModelLine[];
}

export interface ModelFile {
  kind: ModelKind;
  oldPath: string;
  newPath: string;
  hunks: ModelHunk[];
  /** The last base (old) or head (new) line of the last hunk has no newline at the end of the file. */
  oldNoEol: boolean;
  newNoEol: boolean;
}

/** Path characters git leaves as they are, next to ones it must C-quote (core.quotePath: `"`, `\`, controls, non-ASCII). */
const PATH_CHARS = [
  'a',
  'b',
  'z',
  'x',
  '0',
  '9',
  '.',
  '_',
  '-',
  ' ',
  'ü',
  'ж',
  '日',
  '😀',
  '"',
  '\\',
  '\t',
  '\n',
];

const segment = fc
  .array(fc.constantFrom(...PATH_CHARS), { minLength: 1, maxLength: 6 })
  .map((chars) => chars.join(''))
  // Git never prints "." or ".." segments, and a segment cannot be empty.
  .filter((s) => s !== '.' && s !== '..');

export const pathArb: fc.Arbitrary<string> = fc
  .array(segment, { minLength: 1, maxLength: 3 })
  .map((segments) => segments.join('/'));

/**
 * Content that looks like diff syntax must stay content: header look-alikes, hunk headers, markers, a CR of a
 * CRLF file, non-ASCII and lone surrogates (a decoded invalid byte is U+FFFD; lone surrogates come from JSON).
 */
export const lineTextArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '--- a/x',
    '+++ b/x',
    '-- signature',
    'diff --git a/x b/x',
    '@@ -1,2 +1,2 @@',
    '\\ No newline at end of file',
    'index 0000000..1111111',
    'rename from x',
    '\t\tindented',
    'crlf line\r',
    '\uFFFD\uD800 lone',
  ),
  fc.string({ maxLength: 30, unit: 'grapheme' }).map((s) => s.replace(/[\r\n]/g, '')),
);

const lineArb: fc.Arbitrary<ModelLine> = fc.record({
  kind: fc.constantFrom<ModelLine['kind']>('context', 'del', 'add'),
  text: lineTextArb,
});

const hunkArb: fc.Arbitrary<ModelHunk> = fc.record({
  gap: fc.integer({ min: 0, max: 40 }),
  section: fc.constantFrom('', 'function run() {', 'class Ünïcode:', 'def f(x):'),
  lines: fc.array(lineArb, { minLength: 1, maxLength: 12 }),
});

const textKinds: readonly ModelKind[] = ['modified', 'added', 'removed', 'renamed', 'copied'];

export const fileArb: fc.Arbitrary<ModelFile> = fc
  .record({
    kind: fc.constantFrom<ModelKind>(...textKinds, 'binary', 'mode'),
    oldPath: pathArb,
    newPath: pathArb,
    hunks: fc.array(hunkArb, { minLength: 1, maxLength: 4 }),
    oldNoEol: fc.boolean(),
    newNoEol: fc.boolean(),
  })
  .map((file) => normalise(file));

/** Makes a random record a diff git could print. */
function normalise(file: ModelFile): ModelFile {
  const out: ModelFile = { ...file, hunks: file.hunks.map((h) => ({ ...h, lines: [...h.lines] })) };
  if (out.kind === 'modified' || out.kind === 'binary' || out.kind === 'mode') out.newPath = out.oldPath;
  if ((out.kind === 'renamed' || out.kind === 'copied') && out.newPath === out.oldPath) out.newPath += '2';
  if (out.kind === 'binary' || out.kind === 'mode') out.hunks = [];
  // An added file has only head lines in one hunk from line 1; a removed one only base lines.
  if (out.kind === 'added' || out.kind === 'removed') {
    const kind = out.kind === 'added' ? 'add' : 'del';
    const lines = out.hunks.flatMap((h) => h.lines).map((l) => ({ ...l, kind }) as ModelLine);
    out.hunks = [{ gap: 0, section: '', lines }];
  }
  const last = out.hunks.at(-1)?.lines;
  const lastLine = last?.at(-1);
  if (!last || !lastLine) return { ...out, oldNoEol: false, newNoEol: false };
  // A final context line is the same line on both sides, so both sides end alike.
  if (lastLine.kind === 'context') out.newNoEol = out.oldNoEol;
  if (out.kind === 'added') out.oldNoEol = false;
  if (out.kind === 'removed') out.newNoEol = false;
  // The marker follows a side's last line. When that is a context line with more lines after it, the line goes on
  // in the other side, so it cannot lack its newline.
  const lastOld = last.findLastIndex((l) => l.kind !== 'add');
  const lastNew = last.findLastIndex((l) => l.kind !== 'del');
  // An empty last line without its newline would be no line at all.
  const endsSide = (i: number): boolean =>
    i >= 0 && (last[i]?.kind !== 'context' || i === last.length - 1) && last[i]?.text !== '';
  if (!endsSide(lastOld)) out.oldNoEol = false;
  if (!endsSide(lastNew)) out.newNoEol = false;
  return out;
}

/** git's C quoting of a path (quote_c_style): octal escapes of UTF-8 bytes, backslash escapes of the rest. */
export function quotePath(path: string): string {
  const plain = [...path].every((ch) => ch >= ' ' && ch <= '~' && ch !== '"' && ch !== '\\');
  if (plain) return path;
  const named: Record<number, string> = {
    7: 'a',
    8: 'b',
    9: 't',
    10: 'n',
    11: 'v',
    12: 'f',
    13: 'r',
    34: '"',
    92: '\\',
  };
  let out = '"';
  for (const byte of Buffer.from(path, 'utf8')) {
    const name = named[byte];
    if (name !== undefined) out += `\\${name}`;
    else if (byte < 0x20 || byte >= 0x7f) out += `\\${byte.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(byte);
  }
  return `${out}"`;
}

const needsQuote = (path: string): boolean => quotePath(path) !== path;

/** `a/<path>` as git prints it, quoted as a whole when needed. */
function prefixed(prefix: 'a/' | 'b/', path: string): string {
  return needsQuote(path) ? quotePath(prefix + path) : prefix + path;
}

/** `---`/`+++` operand: git adds a TAB after an unquoted name with a space so GNU patch finds its end. */
function fileLineOperand(prefix: 'a/' | 'b/', path: string): string {
  const shown = prefixed(prefix, path);
  return !needsQuote(path) && path.includes(' ') ? `${shown}\t` : shown;
}

export interface PrintedHunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
}

/** Where each hunk starts and how long each side is, as its `@@` header says. */
export function hunkHeaders(file: ModelFile): PrintedHunk[] {
  const headers: PrintedHunk[] = [];
  let oldNext = 1;
  let newNext = 1;
  for (const [h, hunk] of file.hunks.entries()) {
    // Only the first hunk may start at the top; git never prints two hunks that touch.
    const gap = h === 0 ? hunk.gap : Math.max(1, hunk.gap);
    const oldLines = hunk.lines.filter((l) => l.kind !== 'add').length;
    const newLines = hunk.lines.filter((l) => l.kind !== 'del').length;
    const oldFirst = oldNext + gap;
    const newFirst = newNext + gap;
    // A side with no lines names the line after which the hunk applies (git-diff(1)).
    headers.push({
      oldStart: oldLines === 0 ? oldFirst - 1 : oldFirst,
      oldLines,
      newStart: newLines === 0 ? newFirst - 1 : newFirst,
      newLines,
    });
    oldNext = oldFirst + oldLines;
    newNext = newFirst + newLines;
  }
  return headers;
}

const range = (start: number, count: number): string => (count === 1 ? `${start}` : `${start},${count}`);

function printHunks(file: ModelFile, out: string[]): void {
  const headers = hunkHeaders(file);
  file.hunks.forEach((hunk, h) => {
    const header = headers[h] as PrintedHunk;
    const section = hunk.section === '' ? '' : ` ${hunk.section}`;
    out.push(
      `@@ -${range(header.oldStart, header.oldLines)} +${range(header.newStart, header.newLines)} @@${section}`,
    );
    const isLast = h === file.hunks.length - 1;
    const lastOld = isLast ? hunk.lines.findLastIndex((l) => l.kind !== 'add') : -1;
    const lastNew = isLast ? hunk.lines.findLastIndex((l) => l.kind !== 'del') : -1;
    hunk.lines.forEach((line, i) => {
      out.push(`${line.kind === 'context' ? ' ' : line.kind === 'del' ? '-' : '+'}${line.text}`);
      const marks = (i === lastOld && file.oldNoEol) || (i === lastNew && file.newNoEol);
      if (marks) out.push('\\ No newline at end of file');
    });
  });
}

/** One file's section of `git diff` output. */
export function printFile(file: ModelFile): string[] {
  const out = [`diff --git ${prefixed('a/', file.oldPath)} ${prefixed('b/', file.newPath)}`];
  const fileLines = (oldSide: string, newSide: string): void => {
    out.push(`--- ${oldSide}`, `+++ ${newSide}`);
  };
  switch (file.kind) {
    case 'modified':
      out.push('index 1234567..89abcde 100644');
      fileLines(fileLineOperand('a/', file.oldPath), fileLineOperand('b/', file.newPath));
      break;
    case 'added':
      out.push('new file mode 100644', 'index 0000000..89abcde');
      fileLines('/dev/null', fileLineOperand('b/', file.newPath));
      break;
    case 'removed':
      out.push('deleted file mode 100644', 'index 1234567..0000000');
      fileLines(fileLineOperand('a/', file.oldPath), '/dev/null');
      break;
    case 'renamed':
    case 'copied': {
      const verb = file.kind === 'renamed' ? 'rename' : 'copy';
      out.push(
        'similarity index 71%',
        `${verb} from ${quotePath(file.oldPath)}`,
        `${verb} to ${quotePath(file.newPath)}`,
      );
      out.push('index 1234567..89abcde 100644');
      fileLines(fileLineOperand('a/', file.oldPath), fileLineOperand('b/', file.newPath));
      break;
    }
    case 'binary':
      out.push('index 1234567..89abcde 100644');
      out.push(`Binary files ${prefixed('a/', file.oldPath)} and ${prefixed('b/', file.newPath)} differ`);
      return out;
    case 'mode':
      out.push('old mode 100644', 'new mode 100755');
      return out;
  }
  printHunks(file, out);
  return out;
}

export function printDiff(files: readonly ModelFile[], eol = '\n'): string {
  return files
    .flatMap(printFile)
    .map((line) => line + eol)
    .join('');
}

/** The status the parser should give a modelled file. */
export function expectedStatus(file: ModelFile): string {
  return file.kind === 'copied' ? 'added' : file.kind;
}
