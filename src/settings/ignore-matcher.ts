import ignore from 'ignore';

/**
 * Tests repository paths against `settings.ignore`. Patterns use .gitignore syntax (`**`, `*`, trailing `/`
 * for folders, `!` to re-include), the syntax users already know from their repository.
 */
export function ignoreMatcher(patterns: readonly string[]): (path: string) => boolean {
  const ig = ignore().add([...patterns]);
  return (path: string) => {
    const relative = path
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '')
      .replace(/^\/+/, '');
    // `ignore` refuses empty and `..` paths; those are never repository files.
    if (relative === '' || relative.startsWith('../')) return false;
    return ig.ignores(relative);
  };
}
