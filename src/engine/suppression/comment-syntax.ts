/**
 * Where a suppression directive may stand, per language: the comment openers a directive may follow.
 * Directives are found lexically (a comment opener, then the directive), not from the syntax tree, so they
 * work the same in files that do not parse and in text files, which have no grammar at all.
 */
import type { LanguageId } from '../types';

export interface CommentSyntax {
  /** Openers of comments that run to the end of the line. */
  line: readonly string[];
  /** Whether `/* … *\/` block comments exist (a directive may also start a ` * ` continuation line). */
  block: boolean;
}

const C_STYLE: CommentSyntax = { line: ['//'], block: true };

/**
 * Text files (YAML, shell, SQL, Lua, HTML, .env…) have no language to go by: every common opener is
 * accepted, so a secret in a config file can be suppressed with the comment that file type uses.
 */
const TEXT: CommentSyntax = { line: ['#', '//', '--', ';', '<!--'], block: true };

export const COMMENT_SYNTAX: Readonly<Record<LanguageId, CommentSyntax>> = {
  javascript: C_STYLE,
  typescript: C_STYLE,
  tsx: C_STYLE,
  java: C_STYLE,
  go: C_STYLE,
  csharp: C_STYLE,
  c: C_STYLE,
  cpp: C_STYLE,
  rust: C_STYLE,
  kotlin: C_STYLE,
  swift: C_STYLE,
  python: { line: ['#'], block: false },
  ruby: { line: ['#'], block: false },
  php: { line: ['//', '#'], block: true },
  text: TEXT,
};
