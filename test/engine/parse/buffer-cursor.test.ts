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
function record(cursor: WalkCursor): string[] {
  const seen: string[] = [];
  let visited = 0;
  for (;;) {
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
});
