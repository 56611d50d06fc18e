import type { Node } from 'web-tree-sitter';
import { set } from './nodeHelpers';

/** Helpers shared by the brace languages (Java, Go, C#, C, C++). */

/** `//` and `/* … *\/` comment kinds across these grammars. */
export const BRACE_COMMENTS = set('comment', 'line_comment', 'block_comment');

/** Lizard's base condition words (`CodeReader._conditions` minus the operators). */
export const BASE_WORDS = set('if', 'for', 'while', 'catch', 'case');
export const LOGICAL = set('&&', '||');

/**
 * Lizard counts parameters by the commas between the parentheses, so `f(int a, ...)` has two and
 * `f()` none. Counts the named children of a parameter list plus loose `...` leaves, minus comments.
 */
export function listParameterCount(list: Node | null | undefined, ignore: ReadonlySet<string>): number {
  if (!list) return 0;
  let count = 0;
  for (const child of list.children) {
    if (!child) continue;
    if (child.isNamed ? !ignore.has(child.type) : child.type === '...') count++;
  }
  return count;
}

/** Nearest ancestor of one of `kinds` (the function a call sits in). */
export function enclosing(node: Node, kinds: ReadonlySet<string>): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (kinds.has(current.type)) return current;
  }
  return undefined;
}

/** Name of the variable a lambda or closure is assigned to, when its parent declares one. */
export function assignedName(
  node: Node,
  declarators: ReadonlySet<string>,
  field = 'name',
): string | undefined {
  const parent = node.parent;
  if (!parent || !declarators.has(parent.type)) return undefined;
  return parent.childForFieldName(field)?.text;
}
