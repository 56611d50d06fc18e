/**
 * Fixtures carry their expected values in `// expect cognitive N cyclomatic M` comments on each function's first
 * line; this reads them back as line → expected metrics.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(__dirname, '../../../fixtures/metrics');
const EXPECT = /expect cognitive (\d+) cyclomatic (\d+)/;

export function readAnnotatedFixture(name: string): {
  text: string;
  expected: Map<number, { cognitive: number; cyclomatic: number }>;
} {
  const text = readFileSync(join(FIXTURES, name), 'utf8');
  const expected = new Map<number, { cognitive: number; cyclomatic: number }>();
  text.split('\n').forEach((line, i) => {
    const match = EXPECT.exec(line);
    if (match) expected.set(i + 1, { cognitive: Number(match[1]), cyclomatic: Number(match[2]) });
  });
  return { text, expected };
}
