/**
 * Reads the suppression directives of one file: `lintel-disable-next-line`, `lintel-disable` /
 * `lintel-enable` and `lintel-disable-file`, each as the first thing in a comment (ESLint's rule: prose that
 * merely mentions a directive mid-comment is not one).
 */
import type { LanguageId } from '../types';
import { COMMENT_SYNTAX, type CommentSyntax } from './comment-syntax';

export type DirectiveKind = 'disable-next-line' | 'disable' | 'enable' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** 1-based line of the comment. */
  line: number;
  /** Rule ids as written, in order; empty means every rule. */
  rules: string[];
  /** Text after ` -- `, trimmed; undefined when there is none. */
  reason?: string;
  /** True when the comment stands in the file's leading comments, before any code. */
  inHeader: boolean;
  /** True when nothing but the comment is on its line (stacked directives then all aim past each other). */
  commentOnly: boolean;
}

/** A `lintel-…` word after a comment opener that is not one of the directives (e.g. `lintel-disable-line`). */
export interface UnknownDirective {
  line: number;
  name: string;
}

export interface ParsedDirectives {
  directives: Directive[];
  unknown: UnknownDirective[];
}

const KINDS: ReadonlySet<string> = new Set<DirectiveKind>([
  'disable-next-line',
  'disable',
  'enable',
  'disable-file',
]);

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** `///` and `//!` (Rust, C# doc comments) and `##` are still line comments. */
function openerPattern(opener: string): string {
  if (opener === '//') return '//[/!]*';
  if (opener === '#') return '#+';
  return escapeRegExp(opener);
}

function directivePatterns(syntax: CommentSyntax): RegExp[] {
  const openers = syntax.line.map(openerPattern);
  if (syntax.block) openers.push('/\\*+!?');
  const patterns = [new RegExp(`(?:${openers.join('|')})\\s*lintel-([a-z-]+)(.*)$`)];
  // A directive may open a continuation line of a block comment (` * lintel-disable-file …`).
  if (syntax.block) patterns.push(/^\s*\*+\s*lintel-([a-z-]+)(.*)$/);
  return patterns;
}

function splitRulesAndReason(rest: string): { rules: string[]; reason?: string } {
  // The comment's closer is not part of the reason (`}` for a JSX comment, `{/* … */}`).
  const body = rest.replace(/\s*(\*\/\s*\}?|-->)\s*$/, '');
  const separator = /(?:^|\s)--(?:\s|$)/.exec(body);
  const rulesPart = separator ? body.slice(0, separator.index) : body;
  const reason = separator ? body.slice(separator.index + separator[0].length).trim() : '';
  const rules = rulesPart.split(/[\s,]+/).filter((id) => id !== '');
  return reason === '' ? { rules } : { rules, reason };
}

/**
 * 1-based number of the first line holding code, after blank lines, a `#!` line, a `<?php` tag and comments;
 * `lintel-disable-file` is only honoured above it, as ESLint users put file-wide directives at the top.
 */
function firstCodeLine(lines: readonly string[], syntax: CommentSyntax): number {
  let inBlock = false;
  for (let index = 0; index < lines.length; index++) {
    let rest = (lines[index] ?? '').trim();
    if (inBlock) {
      const end = rest.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      rest = rest.slice(end + 2).trim();
    }
    if (rest === '' || (index === 0 && rest.startsWith('#!')) || /^<\?php\b/.test(rest)) continue;
    if (syntax.line.some((opener) => rest.startsWith(opener))) continue;
    if (syntax.block && rest.startsWith('{/*')) rest = rest.slice(1);
    if (syntax.block && rest.startsWith('/*')) {
      const end = rest.indexOf('*/', 2);
      if (end < 0) inBlock = true;
      else if (
        rest
          .slice(end + 2)
          .replace(/^\s*\}/, '')
          .trim() !== ''
      )
        return index + 1;
      continue;
    }
    return index + 1;
  }
  return lines.length + 1;
}

export function parseDirectives(lines: readonly string[], language: LanguageId): ParsedDirectives {
  const syntax = COMMENT_SYNTAX[language];
  const patterns = directivePatterns(syntax);
  const headerEnd = firstCodeLine(lines, syntax);
  const directives: Directive[] = [];
  const unknown: UnknownDirective[] = [];
  lines.forEach((text, index) => {
    // A cheap test first: almost no line mentions the prefix.
    if (!text.includes('lintel-')) return;
    const match = patterns.map((pattern) => pattern.exec(text)).find((found) => found !== null);
    if (!match) return;
    const line = index + 1;
    const name = match[1] ?? '';
    if (!KINDS.has(name)) {
      unknown.push({ line, name });
      return;
    }
    directives.push({
      kind: name as DirectiveKind,
      line,
      ...splitRulesAndReason(match[2] ?? ''),
      inHeader: line < headerEnd,
      commentOnly: text.slice(0, match.index).trim() === '',
    });
  });
  return { directives, unknown };
}
