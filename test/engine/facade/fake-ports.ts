/**
 * Stand-ins for the tree-sitter, secretlint and jscpd analysers: a tiny line-based reader of JS-like code
 * (`function name(a, b) {` … `}` at column 0; every `if` adds 1 to cyclomatic complexity), secrets spelled
 * `SECRET_<value>`, and duplicates given by the test. Enough to drive the facade and diff mode exactly.
 */
import type { EnginePorts } from '../../../src/engine/engine-ports';
import type { DuplicateBlockInput, SecretHitInput } from '../../../src/engine/rules/rule-types';
import type { FileMetrics, FunctionMetrics, SourceFile } from '../../../src/engine/types';

function functionsOf(lines: string[]): FunctionMetrics[] {
  const functions: FunctionMetrics[] = [];
  let open: FunctionMetrics | undefined;
  lines.forEach((text, index) => {
    const line = index + 1;
    const start = /^function (\w+)\(([^)]*)\)/.exec(text);
    if (start) {
      const params = start[2]?.trim() ? start[2].split(',').length : 0;
      open = {
        name: start[1] ?? '',
        startLine: line,
        endLine: line,
        cyclomatic: 1,
        cognitive: 0,
        params,
        maxNesting: 0,
        lines: 1,
        ownLines: 1,
        bumps: 0,
        maxConditionOperators: 0,
      };
    } else if (open && text === '}') {
      open.endLine = line;
      open.lines = line - open.startLine + 1;
      open.ownLines = open.lines;
      functions.push(open);
      open = undefined;
    } else if (open) {
      open.cyclomatic += (text.match(/\bif\b/g) ?? []).length;
    }
  });
  return functions;
}

export function fakeMetrics(file: SourceFile): FileMetrics {
  const lines = file.text.split('\n');
  const isCode = file.path.endsWith('.js') || file.path.endsWith('.ts');
  return {
    path: file.path,
    language: isCode ? 'javascript' : 'text',
    lines: lines.length,
    codeLines: lines.filter((l) => l.trim() !== '').length,
    functions: isCode ? functionsOf(lines) : [],
  };
}

export function fakeSecrets(file: SourceFile): SecretHitInput[] {
  const hits: SecretHitInput[] = [];
  file.text.split('\n').forEach((text, index) => {
    const column = text.indexOf('SECRET_');
    if (column >= 0) {
      hits.push({
        ruleId: 'fake-token',
        line: index + 1,
        column: column + 1,
        endLine: index + 1,
        message: 'token',
        preview: 'SECRET_****',
      });
    }
  });
  return hits;
}

export function fakePorts(
  overrides: Partial<EnginePorts> = {},
  duplicates: DuplicateBlockInput[] = [],
): EnginePorts {
  return {
    analyzeFileMetrics: async (file) => fakeMetrics(file),
    scanSecrets: async (file) => fakeSecrets(file),
    // A clone is only "found" in a snapshot whose files contain both of its locations.
    detectDuplicates: (files) =>
      duplicates.filter((block) =>
        [block.first, block.second].every((at) => {
          const found = files.find((f) => f.path === at.path);
          return found !== undefined && found.text.split('\n').length >= at.endLine;
        }),
      ),
    ...overrides,
  };
}

/** A function with `ifs` if-statements: cyclomatic complexity ifs + 1. */
export function complexFunction(name: string, ifs: number): string[] {
  return [
    `function ${name}(order) {`,
    ...Array.from({ length: ifs }, (_, i) => `  if (order.f${i}) order.n += ${i};`),
    '}',
  ];
}
