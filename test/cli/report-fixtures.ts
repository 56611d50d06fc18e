import type { Finding } from '../../src/engine/types';
import type { ChangeResult, FilesAnalysis, RuleInfo } from '../../src/cli/engine-port';

export function finding(over: Partial<Finding> = {}): Finding {
  return {
    ruleId: 'complex-method',
    type: 'CODE_SMELL',
    severity: 'HIGH',
    path: 'src/a b.ts',
    line: 3,
    message: "Function 'run' has cyclomatic complexity 12 (limit 9)",
    fingerprint: 'fp-1',
    functionName: 'run',
    ...over,
  };
}

export function filesAnalysis(over: Partial<FilesAnalysis> = {}): FilesAnalysis {
  return {
    files: [
      {
        path: 'src/a b.ts',
        language: 'typescript',
        lines: 40,
        codeLines: 30,
        functions: [
          {
            name: 'run',
            startLine: 3,
            endLine: 30,
            cyclomatic: 12,
            cognitive: 14,
            params: 2,
            maxNesting: 3,
            lines: 28,
            ownLines: 28,
            bumps: 1,
            maxConditionOperators: 2,
          },
        ],
      },
    ],
    findings: [
      finding(),
      finding({ ruleId: 'large-method', severity: 'LOW', line: 1, message: 'Long', fingerprint: 'fp-2' }),
      finding({ path: 'lib/z.js', severity: 'MEDIUM', line: 120, fingerprint: 'fp-3' }),
    ],
    skipped: [{ path: 'img.png', reason: 'binary file' }],
    health: { score: 7.26, files: [{ path: 'src/a b.ts', score: 7.26 }] },
    ...over,
  };
}

export function changeResult(): ChangeResult {
  const head = filesAnalysis();
  return {
    head,
    newFindings: [finding()],
    fixedFindings: [finding({ ruleId: 'deep-nesting', fingerprint: 'fp-old' })],
    health: { before: 8.5, after: 7.26, delta: -1.24 },
    complexityAdded: 11,
    duplicatedLinesAdded: 0,
    secrets: 0,
    skipped: [],
  };
}

export const RULES: RuleInfo[] = [
  {
    id: 'complex-method',
    type: 'CODE_SMELL',
    defaultSeverity: 'MEDIUM',
    title: 'Complex Method',
    why: 'Many paths are hard to test.',
    fix: 'Split the function.',
  },
  {
    id: 'large-method',
    type: 'CODE_SMELL',
    defaultSeverity: 'LOW',
    title: 'Large Method',
    why: 'Long functions do many things.',
    fix: 'Extract parts.',
  },
];
