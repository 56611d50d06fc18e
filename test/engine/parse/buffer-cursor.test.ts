import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { walkCursor, type WalkCursor } from '../../../src/engine/parse/buffer-cursor';
import { parseLoaded } from '../../../src/engine/parse/treeSitter';
import { loadLanguages } from '../../../src/engine/metrics';
import { languageSpec } from '../../../src/engine/languages/registry';
import type { LanguageId } from '../../../src/engine/types';

/**
 * Everything a walk can read at each node, in visiting order. Every fifth node is also materialised (its type, its
 * parent's type and its start point through the library), which overwrites the transfer buffer: the next moves must
 * still be right.
 */
function record(cursor: WalkCursor, between: () => void = () => undefined): string[] {
  const seen: string[] = [];
  let visited = 0;
  for (;;) {
    between();
    let line = `${cursor.nodeTypeId} ${cursor.nodeIsNamed} ${cursor.currentFieldId} ${cursor.startIndex}-${cursor.endIndex}`;
    if (visited++ % 5 === 0) {
      const node = cursor.currentNode;
      line += ` ${node.type} ${node.parent?.type ?? '-'} ${cursor.startPosition.row}:${cursor.startPosition.column}`;
    }
    seen.push(line);
    if (cursor.gotoFirstChild()) continue;
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return seen;
    }
  }
}

const SOURCES: Array<[string, LanguageId]> = [
  [join(__dirname, '../../../src/engine/metrics/functionWalker.ts'), 'typescript'],
  [join(__dirname, '../../fixtures/duplication/helpers.py'), 'python'],
];

describe('buffer cursors', () => {
  beforeAll(() => loadLanguages(['typescript', 'python']));

  it.each(SOURCES)('visit %s exactly as the library cursor does', (path, language) => {
    const spec = languageSpec(language);
    if (!spec) throw new Error(`no ${language} spec`);
    const text = readFileSync(path, 'utf8');
    const parsed = parseLoaded(spec.grammar, text, Number.POSITIVE_INFINITY);
    if (!('tree' in parsed)) throw new Error('parse cancelled');
    const { tree } = parsed;
    try {
      const fast = walkCursor(tree);
      const library = tree.walk();
      try {
        // The engine's runtime is initialised, so this is the buffer cursor, not the library's own.
        expect(fast).not.toBeInstanceOf(library.constructor);
        const expected = record(library);
        expect(expected.length).toBe(tree.rootNode.descendantCount);
        expect(record(fast)).toEqual(expected);
      } finally {
        library.delete();
        fast.delete();
      }
    } finally {
      tree.delete();
    }
  });

  it('keeps its place when other code uses the runtime between its moves, and frees only its own stack', () => {
    const spec = languageSpec('typescript');
    if (!spec) throw new Error('no typescript spec');
    const text = readFileSync(SOURCES[0]?.[0] ?? '', 'utf8');
    const parsed = parseLoaded(spec.grammar, text, Number.POSITIVE_INFINITY);
    if (!('tree' in parsed)) throw new Error('parse cancelled');
    const { tree } = parsed;
    const library = tree.walk();
    const expected = record(library);
    const fast = walkCursor(tree);
    const other = tree.walk();
    // Between every two moves: another cursor moves (it writes its state into the shared buffer) and the root node
    // is read (the runtime writes the node there without being asked to marshal anything first).
    const seen = record(fast, () => {
      if (!other.gotoFirstChild()) other.gotoNextSibling();
      expect(tree.rootNode.type).toBe('program');
    });
    expect(seen).toEqual(expected);
    // The other cursor is deleted last but one: a cursor that trusted the buffer would now free the other's stack.
    other.delete();
    fast.delete();
    library.delete();
    tree.delete();
    // A heap corrupted by a double free fails the next parse.
    const again = parseLoaded(spec.grammar, text, Number.POSITIVE_INFINITY);
    if (!('tree' in again)) throw new Error('parse cancelled');
    expect(again.tree.rootNode.descendantCount).toBe(expected.length);
    again.tree.delete();
  });
});
