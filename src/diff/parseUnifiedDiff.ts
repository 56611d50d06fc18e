import { readDiffGitPaths, readHeaderPath, stripPrefix } from './gitPaths';
import { describeLine, readHunk, withoutCr } from './hunkReader';
import { DiffParseError, type FileDiff } from './types';

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
        const { hunk, next } = readHunk(this.lines, this.pos);
        fd.hunks.push(hunk);
        this.pos = next;
      }
      this.expectSectionEnd();
      if (fd.oldPath === null && fd.newPath === null) {
        throw new DiffParseError(
          sectionStart + 1,
          'file paths in the diff header',
          describeLine(this.lines[sectionStart]),
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
      : flags.isNew || fd.copied || (fd.oldPath === null && fd.newPath !== null)
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
          const index = /^([0-9a-f]+)\.\.([0-9a-f]+)(?: (\d{6}))?$/.exec(operand);
          if (index) {
            fd.oldBlob = index[1];
            fd.newBlob = index[2];
          }
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
      throw new DiffParseError(this.pos + 2, "'+++ ' after '--- '", describeLine(plus));
    }
    const oldRaw = readHeaderPath(withoutCr(minus).slice(4));
    const newRaw = readHeaderPath(withoutCr(plus).slice(4));
    if (oldRaw === null) throw new DiffParseError(this.pos + 1, "a path after '--- '", describeLine(minus));
    if (newRaw === null) throw new DiffParseError(this.pos + 2, "a path after '+++ '", describeLine(plus));
    fd.oldPath = stripPrefix(oldRaw, 'a/');
    fd.newPath = stripPrefix(newRaw, 'b/');
    if (fd.oldPath === null) flags.isNew = true;
    if (fd.newPath === null) flags.isDeleted = true;
    this.pos += 2;
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
    throw new DiffParseError(ahead + 1, "a hunk header '@@' or the next file header", describeLine(line));
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
