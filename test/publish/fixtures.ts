/** Hand-built findings and analyses for the publishing tests. */
import type { ChangeAnalysis } from '../../src/engine';
import type { Finding, Severity } from '../../src/engine/types';
import type { GateVerdict } from '../../src/gate/types';

let counter = 0;

export function finding(overrides: Partial<Finding> = {}): Finding {
  counter += 1;
  return {
    ruleId: 'complex-method',
    type: 'CODE_SMELL',
    severity: 'HIGH',
    path: 'src/app.ts',
    line: 10,
    message: `Function f${counter} has a cyclomatic complexity of 15 (threshold 10).`,
    fingerprint: counter.toString(16).padStart(16, '0'),
    ...overrides,
  };
}

export const SEVERITY_CYCLE: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export function analysisWith(overrides: Partial<ChangeAnalysis> = {}): ChangeAnalysis {
  return {
    head: {
      files: [{ path: 'src/app.ts', language: 'typescript', lines: 40, codeLines: 30, functions: [] }],
      findings: [],
      suppressed: [],
      skipped: [],
      health: { score: 7.5, band: 'yellow', files: [] },
    },
    newFindings: [],
    suppressed: [],
    fixedFindings: [],
    health: { before: 8.04, after: 7.46, delta: -0.58 },
    complexityAdded: 12,
    duplicatedLinesAdded: 0,
    secrets: 0,
    skipped: [],
    renamed: {},
    ...overrides,
  };
}

export const PASSED: GateVerdict = {
  passed: true,
  conditions: [
    { id: 'newIssues', passed: true, actual: 0, limit: 0, message: '0 new HIGH or worse issues (limit 0)' },
  ],
};

export const FAILED: GateVerdict = {
  passed: false,
  conditions: [
    { id: 'newIssues', passed: false, actual: 2, limit: 0, message: '2 new HIGH or worse issues (limit 0)' },
    { id: 'newSecrets', passed: false, actual: 1, limit: 0, message: '1 new hard-coded secret (limit 0)' },
    {
      id: 'maxComplexityAdded',
      passed: true,
      actual: 12,
      limit: 20,
      message: 'complexity added 12 (limit 20)',
    },
  ],
};

/** Every line 1..n of each path counts as changed. */
export function allChanged(paths: string[], n = 5000): Map<string, Set<number>> {
  return new Map(paths.map((p) => [p, new Set(Array.from({ length: n }, (_, i) => i + 1))]));
}
