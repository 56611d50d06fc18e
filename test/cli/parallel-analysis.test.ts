import { lintel, removeDir, tempDir, writeFiles } from './run-bin';

/**
 * `lintel analyze` spreads large runs over worker threads (src/cli/parallel/). The real executable on a folder of
 * mixed files must print byte for byte the same report with workers as on one thread.
 */
function branchy(name: string, n: number): string {
  const lines = [`export function ${name}(x: number): number {`, '  let total = 0;'];
  for (let i = 0; i < n; i++) lines.push(`  if (x > ${i}) {`, `    total += ${i} * x;`, '  }');
  lines.push('  return total;', '}', '');
  return lines.join('\n');
}

const COPIED = [
  'export function copied(rows: number[][]): number {',
  '  let sum = 0;',
  '  for (const row of rows) {',
  '    for (const cell of row) {',
  '      if (cell > 0) sum += cell * 2;',
  '      else if (cell < -10) sum -= cell;',
  '      else sum += 1;',
  '    }',
  '  }',
  '  return sum;',
  '}',
  '',
].join('\n');

function folder(): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < 60; i++) files[`src/mod${i}.ts`] = branchy(`f${i}`, i % 14);
  files['src/copy-a.ts'] = COPIED;
  files['src/copy-b.ts'] = COPIED;
  files['src/broken.ts'] = 'export function broken( {\n  return ;;\n';
  files['scripts/tool.py'] = 'def run(a, b):\n    if a:\n        return b\n    return a\n';
  files['src/config.ts'] = `export const token = "ghp_${'a1B2c3D4e5'.repeat(3)}abcdef";\n`;
  files['dist/bundle.min.js'] = `${'var a=1;'.repeat(2000)}\n`;
  return files;
}

describe('lintel analyze with worker threads', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFiles(dir, folder());
  });
  afterAll(() => removeDir(dir));

  it('prints the same report with one or two workers beside the main thread as on one thread, in every format', () => {
    for (const format of ['json', 'text', 'sarif']) {
      const single = lintel(['analyze', '.', '--format', format, '--jobs', '1'], dir);
      expect(single.stderr).toBe('');
      for (const jobs of ['2', '3']) {
        const parallel = lintel(['analyze', '.', '--format', format, '--jobs', jobs], dir);
        expect(parallel.code).toBe(single.code);
        expect(parallel.stdout).toBe(single.stdout);
      }
    }
    // The report is a real one: the copies, the secret, the syntax error and the minified file are all in it.
    const report = JSON.parse(lintel(['analyze', '.', '--format', 'json'], dir).stdout) as {
      findings: Array<{ ruleId: string; path: string }>;
      skipped: Array<{ path: string }>;
      files: unknown[];
    };
    expect(report.files.length).toBeGreaterThanOrEqual(63);
    expect(report.findings.some((f) => f.path === 'src/copy-b.ts')).toBe(true);
    expect(report.findings.some((f) => f.path === 'src/config.ts')).toBe(true);
    expect(report.skipped.map((s) => s.path)).toEqual(
      expect.arrayContaining(['src/broken.ts', 'dist/bundle.min.js']),
    );
  });

  it('refuses a --jobs that is not a whole number from 1 to 64', () => {
    for (const bad of ['0', 'two', '1.5', '65']) {
      const result = lintel(['analyze', '.', '--jobs', bad], dir);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`--jobs must be a whole number from 1 to 64, got '${bad}'`);
    }
  });
});
