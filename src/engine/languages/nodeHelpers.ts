import type { Node } from 'web-tree-sitter';

/** Name used when a function has none, as lizard prints it. */
export const ANONYMOUS = '(anonymous)';

export function fieldText(node: Node | null | undefined, field: string): string | undefined {
  return node?.childForFieldName(field)?.text;
}

/** Named children of a node, minus comments (parameter lists may hold comments). */
export function countNamedChildren(list: Node | null | undefined, ignore: ReadonlySet<string>): number {
  if (!list) return 0;
  let count = 0;
  for (const child of list.namedChildren) {
    if (child && !ignore.has(child.type)) count++;
  }
  return count;
}

export function set(...items: string[]): ReadonlySet<string> {
  return new Set(items);
}

/** Text of the callee when it is a plain identifier or `this.name` / `self.name`. */
export function simpleCalleeName(callee: Node | null | undefined): string | undefined {
  if (!callee) return undefined;
  if (callee.type === 'identifier') return callee.text;
  const object = callee.childForFieldName('object');
  const property = callee.childForFieldName('property') ?? callee.childForFieldName('attribute');
  if (object && property && (object.type === 'this' || object.text === 'self')) return property.text;
  return undefined;
}
