/**
 * Python cyclomatic complexity against radon (Debian package `radon`) on the Python standard library.
 * Radon and lizard agree on if/elif, loops, except, boolean operators (n operands → n-1), comprehension
 * `for`/`if` and conditional expressions; they differ on `finally` (lizard +1), `else` of loops and
 * try (radon +1) and `match` cases (radon +1), so functions holding those are left out of the
 * comparison (reference/radon_reference.py reports why).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeFileMetricsSync, loadLanguages } from '../../../src/engine/metrics';
import { corpusFiles } from './reference/corpus';
import { compareByLine, describeAgreement, emptyAgreement } from './reference/pairing';

const REQUIRED_EXACT_RATE = 0.95;
/** Standard-library packages used as the corpus: ordinary, varied, stable across Python 3 versions. */
const STDLIB_PACKAGES = ['json', 'email', 'http', 'logging', 'unittest', 'xml/dom', 'urllib', 'importlib'];

function radonPython(): string {
  const radon = ['/usr/bin/radon', '/usr/local/bin/radon'].find((path) => existsSync(path));
  if (!radon) {
    throw new Error(
      'radon is not installed: run `apt-get update && apt-get install -y radon` (CI installs it).',
    );
  }
  // Debian's radon runs on the system interpreter, which is the one that can import it.
  const shebang = readFileSync(radon, 'utf8').split('\n')[0] ?? '';
  return shebang.replace(/^#!\s*/, '').trim();
}

function stdlibRoot(python: string): string {
  return execFileSync(python, ['-c', 'import sysconfig; print(sysconfig.get_paths()["stdlib"])'], {
    encoding: 'utf8',
  }).trim();
}

beforeAll(() => loadLanguages(['python']));

test('Python: matches radon where radon and lizard count alike (stdlib)', () => {
  const python = radonPython();
  const root = stdlibRoot(python);
  const files = STDLIB_PACKAGES.flatMap((pkg) =>
    existsSync(join(root, pkg)) ? corpusFiles(join(root, pkg), ['.py']) : [],
  );
  expect(files.length).toBeGreaterThan(20);
  const script = join(__dirname, 'reference', 'radon_reference.py');
  const radon = JSON.parse(
    execFileSync(python, [script, ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
  ) as Record<string, Array<{ line: number; cc: number; excluded: string | null }>>;

  const agreement = emptyAgreement();
  let excluded = 0;
  for (const path of files) {
    const rows = radon[path] ?? [];
    const excludedLines = new Set(rows.filter((r) => r.excluded !== null).map((r) => r.line));
    excluded += excludedLines.size;
    const ours = analyzeFileMetricsSync({ path, text: readFileSync(path, 'utf8') });
    compareByLine(
      path.slice(root.length + 1),
      ours.functions.filter((fn) => !excludedLines.has(fn.startLine)),
      (fn) => fn.cyclomatic,
      rows.filter((r) => r.excluded === null).map((r) => ({ line: r.line, value: r.cc })),
      agreement,
    );
  }
  console.log(
    `${describeAgreement('Python stdlib vs radon', agreement)}\n  (${excluded} functions left out)`,
  );
  expect(agreement.paired).toBeGreaterThan(1000);
  expect(agreement.rate).toBeGreaterThanOrEqual(REQUIRED_EXACT_RATE);
});
