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
 * Counts code lines given the comments' character ranges, flat: start and end (exclusive) of each in turn, as the
 * metrics walk collects them. Rows touched by a comment still count when something else is on them. One forward
 * pass: jump to the next non-whitespace character; if a comment covers it, resume after the comment, otherwise count
 * its line and resume on the next line. No copy of the text is made.
 */
export function countCodeLines(text: string, commentBounds: readonly number[]): number {
  const ranges = disjointRanges(commentBounds);
  const nonSpace = /\S/g;
  let code = 0;
  let next = 0; // index of the next range's start in ranges
  let at = 0;
  for (;;) {
    nonSpace.lastIndex = at;
    if (!nonSpace.exec(text)) return code;
    const found = nonSpace.lastIndex - 1;
    while (next < ranges.length && (ranges[next + 1] ?? 0) <= found) next += 2;
    if (next < ranges.length && (ranges[next] ?? 0) <= found) {
      at = ranges[next + 1] ?? 0; // inside a comment: blank for counting purposes
      continue;
    }
    code++;
    const lineEnd = text.indexOf('\n', found);
    if (lineEnd < 0) return code;
    at = lineEnd + 1;
  }
}

/**
 * Comment ranges (flat, as given) in text order. A range starting before the end of the previous one is ignored, as
 * in the original blank-the-comments implementation (tree-sitter comments never overlap anyway).
 */
function disjointRanges(bounds: readonly number[]): number[] {
  const count = bounds.length >> 1;
  const start = (i: number): number => bounds[2 * i] ?? 0;
  const order = Array.from({ length: count }, (_, i) => i);
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) sorted = start(i - 1) <= start(i);
  if (!sorted) order.sort((a, b) => start(a) - start(b));
  const out: number[] = [];
  let end = 0;
  for (const i of order) {
    const from = start(i);
    const to = bounds[2 * i + 1] ?? 0;
    if (from < end) continue;
    // An empty range blanks nothing and would stop the scan from moving past it.
    if (to > from) out.push(from, to);
    end = to;
  }
  return out;
}
