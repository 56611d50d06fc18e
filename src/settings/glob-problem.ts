/**
 * Why a `.gitignore`-style or branch pattern cannot mean what its author wants, or undefined when it is fine.
 * The matchers (`ignore`, picomatch) accept nearly any string and then silently match nothing, so a typo such as
 * an unclosed `[` would quietly stop ignoring (or analysing) what the admin meant: refuse it with the reason.
 */
export function globProblem(pattern: string, maxChars: number): string | undefined {
  if (pattern.length > maxChars) return `is longer than ${maxChars} characters`;
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(pattern)) return 'contains a control character or line break';
  if (/(^|\/)\.\.(\/|$)/.test(pattern))
    return 'contains a ".." segment; patterns are relative to the repository root';
  if (/\\$/.test(pattern)) return 'ends with a backslash, which escapes nothing';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '{') braces++;
    else if (c === '}') braces--;
    if (braces < 0) return 'has a "}" without its "{"';
  }
  if (inClass) return 'has a "[" without its "]"';
  if (braces > 0) return 'has a "{" without its "}"';
  return undefined;
}
