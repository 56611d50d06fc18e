/**
 * Physical line counts of a file. A line is a code line when it holds something other than
 * whitespace and comments.
 */
export function countLines(text: string): number {
  if (text.length === 0) return 0;
  let lines = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  // A final line break ends the last line rather than starting an empty one.
  if (text.endsWith('\n')) lines--;
  return lines;
}

/**
 * Counts code lines given the 0-based row spans of comments. Rows touched by a comment still count
 * when something else is on them, which is found by blanking comment characters first.
 */
export function countCodeLines(
  text: string,
  commentRanges: ReadonlyArray<readonly [number, number]>,
): number {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const blanked = commentRanges.length === 0 ? text : blankRanges(text, commentRanges);
  let code = 0;
  for (let row = 0; row < lineStarts.length; row++) {
    const from = lineStarts[row] ?? 0;
    const to = lineStarts[row + 1] ?? blanked.length;
    if (/\S/.test(blanked.slice(from, to))) code++;
  }
  return code;
}

/** Replaces the given [start, end) character ranges by spaces. */
function blankRanges(text: string, ranges: ReadonlyArray<readonly [number, number]>): string {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of sorted) {
    if (start < at) continue;
    out += text.slice(at, start) + text.slice(start, end).replace(/[^\n]/g, ' ');
    at = end;
  }
  return out + text.slice(at);
}
