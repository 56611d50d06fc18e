/**
 * Builds a git-style unified diff of two texts (one hunk with the whole file as context), so diff-mode
 * tests state base and head as code instead of hand-writing hunk headers.
 */
function lineDiff(a: string[], b: string[]): Array<{ kind: ' ' | '-' | '+'; text: string }> {
  // Common leading and trailing lines are context as they are: only the middle needs the quadratic table, which
  // keeps a megabyte file with a one-line edit fast.
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  if (head > 0 || tail > 0) {
    const context = (lines: string[]) => lines.map((text) => ({ kind: ' ' as const, text }));
    return [
      ...context(a.slice(0, head)),
      ...middleDiff(a.slice(head, a.length - tail), b.slice(head, b.length - tail)),
      ...context(a.slice(a.length - tail)),
    ];
  }
  return middleDiff(a, b);
}

function middleDiff(a: string[], b: string[]): Array<{ kind: ' ' | '-' | '+'; text: string }> {
  // Longest common subsequence table, then a walk that prefers deletions before additions (like git).
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const out: Array<{ kind: ' ' | '-' | '+'; text: string }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      out.push({ kind: ' ', text: a[i]! });
      i++;
      j++;
    } else if (i < a.length && (j >= b.length || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      out.push({ kind: '-', text: a[i++]! });
    } else {
      out.push({ kind: '+', text: b[j++]! });
    }
  }
  return out;
}

export function unifiedDiff(
  oldPath: string | null,
  newPath: string | null,
  oldText: string,
  newText: string,
): string {
  const a = oldText === '' ? [] : oldText.split('\n');
  const b = newText === '' ? [] : newText.split('\n');
  const header = [`diff --git a/${oldPath ?? newPath} b/${newPath ?? oldPath}`];
  if (oldPath === null) header.push('new file mode 100644');
  if (newPath === null) header.push('deleted file mode 100644');
  if (oldPath !== null && newPath !== null && oldPath !== newPath) {
    header.push('similarity index 90%', `rename from ${oldPath}`, `rename to ${newPath}`);
  }
  header.push(
    `--- ${oldPath === null ? '/dev/null' : `a/${oldPath}`}`,
    `+++ ${newPath === null ? '/dev/null' : `b/${newPath}`}`,
  );
  const body = lineDiff(a, b);
  if (body.every((line) => line.kind === ' ')) return '';
  const oldStart = a.length === 0 ? 0 : 1;
  const newStart = b.length === 0 ? 0 : 1;
  header.push(`@@ -${oldStart},${a.length} +${newStart},${b.length} @@`);
  return [...header, ...body.map((line) => `${line.kind}${line.text}`)].join('\n') + '\n';
}
