import { DiffParseError, type DiffLine, type Hunk } from './types';

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

export function withoutCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

/**
 * How an error names the line it stopped at. A line starting with `+`, `-` or ` ` may be file content, which may hold
 * a secret, and the message reaches skip reasons, reports and logs (docs/SECURITY.md): it is named by its marker and
 * length only — even `--- x`, which is a deleted `-- x` as often as a header. Any other line is quoted, cut at 40.
 */
export function describeLine(line: string | undefined): string {
  if (line === undefined) return 'end of input';
  const shown = withoutCr(line);
  if (/^[-+ ]/.test(shown)) {
    return `a "${shown[0]}" line of ${shown.length} characters`;
  }
  return shown.length > 40 ? `"${shown.slice(0, 40)}…"` : `"${shown}"`;
}

/**
 * Reads one `@@` hunk starting at `lines[start]`. Body lines are counted against the header's line
 * counts rather than recognised by their look, so content such as "--- x" or "diff --git" inside a
 * hunk stays content.
 */
export function readHunk(lines: readonly string[], start: number): { hunk: Hunk; next: number } {
  let pos = start;
  const headerLine = withoutCr(lines[pos] as string);
  const m = HUNK_HEADER.exec(headerLine);
  if (!m) {
    throw new DiffParseError(pos + 1, "a hunk header '@@ -a,b +c,d @@'", describeLine(headerLine));
  }
  const hunk: Hunk = {
    oldStart: Number(m[1]),
    oldLines: m[2] === undefined ? 1 : Number(m[2]),
    newStart: Number(m[3]),
    newLines: m[4] === undefined ? 1 : Number(m[4]),
    section: (m[5] ?? '').trim(),
    lines: [],
  };
  pos++;
  let oldLeft = hunk.oldLines;
  let newLeft = hunk.newLines;
  let oldLine = hunk.oldStart;
  let newLine = hunk.newStart;
  while (oldLeft > 0 || newLeft > 0 || lines[pos]?.startsWith('\\')) {
    const raw = lines[pos];
    const expected = (): string => `${oldLeft} more base and ${newLeft} more head lines of the hunk`;
    if (raw === undefined) throw new DiffParseError(pos + 1, expected(), 'end of input');
    const marker = raw.length === 0 || raw === '\r' ? ' ' : raw[0];
    let line: DiffLine;
    if (marker === '\\') {
      const previous = hunk.lines[hunk.lines.length - 1];
      if (!previous)
        throw new DiffParseError(pos + 1, 'a line before the no-newline marker', describeLine(raw));
      previous.noNewlineAtEnd = true;
      pos++;
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
      throw new DiffParseError(pos + 1, expected(), describeLine(raw));
    }
    hunk.lines.push(line);
    pos++;
  }
  return { hunk, next: pos };
}
