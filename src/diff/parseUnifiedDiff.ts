import { readDiffGitPaths, readHeaderPath, stripPrefix } from './gitPaths';
import { DiffParseError, type DiffLine, type FileDiff, type Hunk } from './types';

/**
 * Parses git's unified diff format, tolerant of every header git emits (modes, renames, copies,
 * similarity, index, binary markers, quoted paths), of plain `---`/`+++` diffs without `diff --git`,
 * of CRLF transport and of "\ No newline at end of file".
 *
 * Error policy: a malformed file section does not fail the whole diff. That file is returned with
 * `error` set (a DiffParseError naming the diff line and what was expected) and parsing resumes at the
 * next `diff --git` header, because one odd file must not hide the findings of the others. Only input
 * that is not a diff at all (non-blank text without any file header) throws.
 */
export function parseUnifiedDiff(text: string): FileDiff[] {
  if (typeof text !== 'string') throw new DiffParseError(0, 'diff text as a string', typeof text);
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return new DiffReader(lines).readAll();
}

/** Extended header lines git may print between `diff --git` and `---` (git-diff(1), "extended header lines"). */
const EXTENDED_HEADERS = [
  'old mode',
  'new mode',
  'new file mode',
  'deleted file mode',
  'rename from',
  'rename to',
  'copy from',
  'copy to',
  'similarity index',
  'dissimilarity index',
  'index',
  'Binary files',
  'GIT binary patch',
] as const;

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function describe(line: string | undefined): string {
  if (line === undefined) return 'end of input';
  const shown = withoutCr(line);
  return shown.length > 40 ? `"${shown.slice(0, 40)}…"` : `"${shown}"`;
}

interface SectionFlags {
  isNew: boolean;
  isDeleted: boolean;
  isRename: boolean;
  isBinary: boolean;
  modeChange: boolean;
}

class DiffReader {
  private pos = 0;

  constructor(private readonly lines: string[]) {}

  readAll(): FileDiff[] {
    const files: FileDiff[] = [];
    while (this.pos < this.lines.length) {
      const line = withoutCr(this.lines[this.pos] as string);
      if (line.startsWith('diff --git ') || this.isPlainFileStart()) {
        files.push(this.readFileSection());
      } else {
        // Preamble (format-patch mail headers, commit message) or trailing blank lines.
        this.pos++;
      }
    }
    if (files.length === 0 && this.lines.some((l) => withoutCr(l).trim() !== '')) {
      throw new DiffParseError(1, "a file header ('diff --git' or '--- ' followed by '+++ ')", 'none');
    }
    return files;
  }

  private isPlainFileStart(): boolean {
    const line = this.lines[this.pos];
    const next = this.lines[this.pos + 1];
    return line !== undefined && next !== undefined && line.startsWith('--- ') && next.startsWith('+++ ');
  }

  private readFileSection(): FileDiff {
    const fd: FileDiff = { oldPath: null, newPath: null, status: 'modified', hunks: [] };
    const flags: SectionFlags = {
      isNew: false,
      isDeleted: false,
      isRename: false,
      isBinary: false,
      modeChange: false,
    };
    const sectionStart = this.pos;
    const startedWithGit = withoutCr(this.lines[this.pos] as string).startsWith('diff --git ');
    try {
      if (startedWithGit) this.readGitHeaders(fd, flags);
      this.readFileNameLines(fd, flags);
      while (this.pos < this.lines.length && (this.lines[this.pos] as string).startsWith('@@')) {
        fd.hunks.push(this.readHunk());
      }
      this.expectSectionEnd();
      if (fd.oldPath === null && fd.newPath === null) {
        throw new DiffParseError(
          sectionStart + 1,
          'file paths in the diff header',
          describe(this.lines[sectionStart]),
        );
      }
    } catch (err) {
      if (!(err instanceof DiffParseError)) throw err;
      fd.error = err;
      this.pos = Math.max(this.pos, sectionStart + 1);
      this.skipToNextFile(startedWithGit);
    }
    fd.status = flags.isBinary
      ? 'binary'
      : flags.isNew || (fd.oldPath === null && fd.newPath !== null)
        ? 'added'
        : flags.isDeleted || (fd.newPath === null && fd.oldPath !== null)
          ? 'removed'
          : flags.isRename
            ? 'renamed'
            : flags.modeChange && fd.hunks.length === 0
              ? 'mode'
              : 'modified';
    if (fd.status === 'added') fd.oldPath = fd.copied ? fd.oldPath : null;
    if (fd.status === 'removed') fd.newPath = null;
    return fd;
  }

  private readGitHeaders(fd: FileDiff, flags: SectionFlags): void {
    const first = withoutCr(this.lines[this.pos] as string);
    const paths = readDiffGitPaths(first.slice('diff --git '.length));
    if (paths) {
      fd.oldPath = stripPrefix(paths.a, 'a/');
      fd.newPath = stripPrefix(paths.b, 'b/');
    }
    this.pos++;
    for (; this.pos < this.lines.length; this.pos++) {
      const line = withoutCr(this.lines[this.pos] as string);
      if (line.startsWith('--- ') || line.startsWith('@@') || line.startsWith('diff ')) return;
      const key = EXTENDED_HEADERS.find((h) => line === h || line.startsWith(h + ' '));
      const operand = key === undefined ? '' : line.slice(key.length + 1);
      switch (key) {
        case 'old mode':
          fd.oldMode = operand;
          flags.modeChange = true;
          break;
        case 'new mode':
          fd.newMode = operand;
          flags.modeChange = true;
          break;
        case 'new file mode':
          fd.newMode = operand;
          flags.isNew = true;
          break;
        case 'deleted file mode':
          fd.oldMode = operand;
          flags.isDeleted = true;
          break;
        case 'rename from':
        case 'copy from':
          fd.oldPath = readHeaderPath(operand) ?? fd.oldPath;
          if (key === 'rename from') flags.isRename = true;
          else fd.copied = true;
          break;
        case 'rename to':
        case 'copy to':
          fd.newPath = readHeaderPath(operand) ?? fd.newPath;
          break;
        case 'similarity index':
        case 'dissimilarity index':
          fd.similarity = parseInt(operand, 10);
          break;
        case 'index': {
          const mode = / (\d{6})$/.exec(operand);
          if (mode) fd.oldMode = fd.newMode = mode[1];
          break;
        }
        case 'Binary files':
          flags.isBinary = true;
          this.readBinaryPaths(fd, line);
          break;
        case 'GIT binary patch':
          flags.isBinary = true;
          this.skipBinaryPatch();
          return;
        default:
          // Unknown extended headers (future git versions) are ignored rather than failing the file.
          break;
      }
    }
  }

  private readBinaryPaths(fd: FileDiff, line: string): void {
    const m = /^Binary files (.*) and (.*) differ$/.exec(line);
    if (!m) return;
    const a = readHeaderPath(m[1] as string);
    const b = readHeaderPath(m[2] as string);
    if (a !== null) fd.oldPath = stripPrefix(a, 'a/');
    if (b !== null) fd.newPath = stripPrefix(b, 'b/');
  }

  private skipBinaryPatch(): void {
    this.pos++;
    while (this.pos < this.lines.length && !(this.lines[this.pos] as string).startsWith('diff ')) this.pos++;
  }

  private readFileNameLines(fd: FileDiff, flags: SectionFlags): void {
    const minus = this.lines[this.pos];
    if (minus === undefined || !minus.startsWith('--- ')) return;
    const plus = this.lines[this.pos + 1];
    if (plus === undefined || !plus.startsWith('+++ ')) {
      throw new DiffParseError(this.pos + 2, "'+++ ' after '--- '", describe(plus));
    }
    const oldRaw = readHeaderPath(withoutCr(minus).slice(4));
    const newRaw = readHeaderPath(withoutCr(plus).slice(4));
    if (oldRaw === null) throw new DiffParseError(this.pos + 1, "a path after '--- '", describe(minus));
    if (newRaw === null) throw new DiffParseError(this.pos + 2, "a path after '+++ '", describe(plus));
    fd.oldPath = stripPrefix(oldRaw, 'a/');
    fd.newPath = stripPrefix(newRaw, 'b/');
    if (fd.oldPath === null) flags.isNew = true;
    if (fd.newPath === null) flags.isDeleted = true;
    this.pos += 2;
  }

  private readHunk(): Hunk {
    const headerLine = withoutCr(this.lines[this.pos] as string);
    const m = HUNK_HEADER.exec(headerLine);
    if (!m) {
      throw new DiffParseError(this.pos + 1, "a hunk header '@@ -a,b +c,d @@'", describe(headerLine));
    }
    const hunk: Hunk = {
      oldStart: Number(m[1]),
      oldLines: m[2] === undefined ? 1 : Number(m[2]),
      newStart: Number(m[3]),
      newLines: m[4] === undefined ? 1 : Number(m[4]),
      section: (m[5] ?? '').trim(),
      lines: [],
    };
    this.pos++;
    let oldLeft = hunk.oldLines;
    let newLeft = hunk.newLines;
    let oldLine = hunk.oldStart;
    let newLine = hunk.newStart;
    while (oldLeft > 0 || newLeft > 0 || this.lines[this.pos]?.startsWith('\\')) {
      const raw = this.lines[this.pos];
      const expected = `${oldLeft} more base and ${newLeft} more head lines of the hunk`;
      if (raw === undefined) throw new DiffParseError(this.pos + 1, expected, 'end of input');
      const marker = raw.length === 0 || raw === '\r' ? ' ' : raw[0];
      let line: DiffLine;
      if (marker === '\\') {
        const previous = hunk.lines[hunk.lines.length - 1];
        if (!previous)
          throw new DiffParseError(this.pos + 1, 'a line before the no-newline marker', describe(raw));
        previous.noNewlineAtEnd = true;
        this.pos++;
        continue;
      } else if (marker === ' ' && oldLeft > 0 && newLeft > 0) {
        // An empty line stands for an empty context line whose leading space was stripped by an editor.
        line = { kind: 'context', text: raw.slice(1), oldLine: oldLine++, newLine: newLine++ };
        oldLeft--;
        newLeft--;
      } else if (marker === '-' && oldLeft > 0) {
        line = { kind: 'del', text: raw.slice(1), oldLine: oldLine++ };
        oldLeft--;
      } else if (marker === '+' && newLeft > 0) {
        line = { kind: 'add', text: raw.slice(1), newLine: newLine++ };
        newLeft--;
      } else {
        throw new DiffParseError(this.pos + 1, expected, describe(raw));
      }
      hunk.lines.push(line);
      this.pos++;
    }
    return hunk;
  }

  /** After the hunks only blank lines may precede the next file header or the end of the diff. */
  private expectSectionEnd(): void {
    let ahead = this.pos;
    while (ahead < this.lines.length && withoutCr(this.lines[ahead] as string).trim() === '') ahead++;
    const line = this.lines[ahead];
    if (line === undefined) return;
    const saved = this.pos;
    this.pos = ahead;
    const isFileStart = withoutCr(line).startsWith('diff ') || this.isPlainFileStart();
    this.pos = saved;
    // `git format-patch` ends the patch with a "-- " signature line and the git version.
    if (isFileStart || withoutCr(line) === '-- ') return;
    throw new DiffParseError(ahead + 1, "a hunk header '@@' or the next file header", describe(line));
  }

  /** Resumes at the next file header; plain `---`/`+++` starts count only in diffs without `diff --git`. */
  private skipToNextFile(gitFormat: boolean): void {
    while (this.pos < this.lines.length) {
      if (withoutCr(this.lines[this.pos] as string).startsWith('diff --git ')) return;
      if (!gitFormat && this.isPlainFileStart()) return;
      this.pos++;
    }
  }
}
