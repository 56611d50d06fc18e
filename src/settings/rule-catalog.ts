// Generated from src/engine/rules/*.ts by `npm run docs:rules`. Do not edit by hand.
import type { RuleCatalogEntry } from './rule-catalog-entry';

export const RULE_CATALOG: readonly RuleCatalogEntry[] = [
  {
    id: 'complex-method',
    title: 'Complex Method',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      cyclomatic: {
        default: 9,
        description: 'Fires (MEDIUM) when cyclomatic complexity is at or above this.',
      },
      high: {
        default: 15,
        description: 'HIGH at or above this cyclomatic complexity (lizard default warning).',
      },
      critical: {
        default: 25,
        description: 'CRITICAL at or above this cyclomatic complexity.',
      },
    },
  },
  {
    id: 'cognitive-complexity',
    title: 'Cognitive Complexity',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      max: {
        default: 15,
        description: 'Fires (MEDIUM) when cognitive complexity is above this (S3776).',
      },
      high: {
        default: 25,
        description: 'HIGH when cognitive complexity is above this (clang-tidy default).',
      },
      critical: {
        default: 50,
        description: 'CRITICAL when cognitive complexity is above this.',
      },
    },
  },
  {
    id: 'deep-nesting',
    title: 'Deep, Nested Complexity',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      depth: {
        default: 4,
        description: 'Fires (MEDIUM) when the deepest nesting is at or above this.',
      },
      high: {
        default: 6,
        description: 'HIGH when the deepest nesting is at or above this.',
      },
    },
  },
  {
    id: 'large-method',
    title: 'Large Method',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      lines: {
        default: 70,
        description:
          'Fires (MEDIUM) when the function is longer than this many lines, not counting lines its nested functions span.',
      },
      high: {
        default: 200,
        description: 'HIGH when the function is longer than this many lines.',
      },
    },
  },
  {
    id: 'excess-arguments',
    title: 'Excess Number of Function Arguments',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      max: {
        default: 4,
        description: 'Fires (MEDIUM) when a function has more parameters than this.',
      },
      constructorMax: {
        default: 5,
        description: 'Fires when a constructor has more parameters than this.',
      },
      high: {
        default: 8,
        description: 'HIGH when any function has at least this many parameters.',
      },
    },
  },
  {
    id: 'complex-conditional',
    title: 'Complex Conditional',
    defaultSeverity: 'LOW',
    thresholds: {
      operators: {
        default: 2,
        description: 'Fires (LOW) when one branch condition has at least this many logical operators.',
      },
      medium: {
        default: 4,
        description: 'MEDIUM when one condition has at least this many logical operators.',
      },
    },
  },
  {
    id: 'bumpy-road',
    title: 'Bumpy Road Ahead',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      bumps: {
        default: 2,
        description: 'Fires (MEDIUM) when a function has more bumps than this.',
      },
      high: {
        default: 4,
        description: 'HIGH when a function has more bumps than this.',
      },
    },
  },
  {
    id: 'large-file',
    title: 'Large File',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      codeLines: {
        default: 1000,
        description: 'Fires (MEDIUM) when the file has at least this many code lines.',
      },
      high: {
        default: 5000,
        description: 'HIGH when the file has at least this many code lines.',
      },
    },
  },
  {
    id: 'duplicated-code',
    title: 'Code Duplication',
    defaultSeverity: 'MEDIUM',
    thresholds: {
      lines: {
        default: 10,
        description: 'Fires (MEDIUM) when a duplicated block has at least this many lines.',
      },
      high: {
        default: 50,
        description: 'HIGH when a duplicated block has at least this many lines.',
      },
    },
  },
  {
    id: 'hard-coded-secret',
    title: 'Hard-coded Secret',
    defaultSeverity: 'CRITICAL',
    thresholds: {},
  },
  {
    id: 'suppression-problem',
    title: 'Suppression Problem',
    defaultSeverity: 'LOW',
    thresholds: {},
  },
];
