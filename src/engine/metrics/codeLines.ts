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
 * Counts code lines given the character ranges [start, end) of comments. Rows touched by a comment
 * still count when something else is on them. One forward pass: jump to the next non-whitespace
 * character; if a comment covers it, resume after the comment, otherwise count its line and resume on
 * the next line. No copy of the text is made.
 */
export function countCodeLines(
  text: string,
  commentRanges: ReadonlyArray<readonly [number, number]>,
): number {
  const ranges = disjointRanges(commentRanges);
  const nonSpace = /\S/g;
  let code = 0;
  let next = 0; // index into ranges
  let at = 0;
  for (;;) {
    nonSpace.lastIndex = at;
    if (!nonSpace.exec(text)) return code;
    const found = nonSpace.lastIndex - 1;
    while (next < ranges.length && (ranges[next]?.[1] ?? 0) <= found) next++;
    const range = ranges[next];
    if (range && range[0] <= found) {
      at = range[1]; // inside a comment: blank for counting purposes
      continue;
    }
    code++;
    const lineEnd = text.indexOf('\n', found);
    if (lineEnd < 0) return code;
    at = lineEnd + 1;
  }
}

/**
 * Comment ranges in text order. A range starting before the end of the previous one is ignored, as
 * in the original blank-the-comments implementation (tree-sitter comments never overlap anyway).
 */
function disjointRanges(
  ranges: ReadonlyArray<readonly [number, number]>,
): ReadonlyArray<readonly [number, number]> {
  let sorted = true;
  for (let i = 1; i < ranges.length && sorted; i++)
    sorted = (ranges[i - 1]?.[0] ?? 0) <= (ranges[i]?.[0] ?? 0);
  const ordered = sorted ? ranges : [...ranges].sort((a, b) => a[0] - b[0]);
  const out: Array<readonly [number, number]> = [];
  let end = 0;
  for (const range of ordered) {
    if (range[0] < end) continue;
    // An empty range blanks nothing and would stop the scan from moving past it.
    if (range[1] > range[0]) out.push(range);
    end = range[1];
  }
  return out;
}
