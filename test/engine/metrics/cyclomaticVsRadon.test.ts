/**
 * Python cyclomatic complexity against radon on part of the Python standard library. radon's answers are
 * recorded (reference/radon-python-stdlib.json, by `npm run record:radon` where radon is installed) together with
 * the files radon saw (reference/radon-corpus.json.br), so this needs neither radon nor Python; the recording holds
 * each file's SHA-256 and the test refuses to compare, saying what to do, when the two disagree.
 * Radon and lizard agree on if/elif, loops, except, boolean operators (n operands → n-1), comprehension
 * `for`/`if` and conditional expressions; they differ on `finally` (lizard +1), `else` of loops and
 * try (radon +1) and `match` cases (radon +1), so functions holding those are left out of the
 * comparison (reference/radon_reference.py records why).
 */
import { analyzeFileMetricsSync, loadLanguages } from '../../../src/engine/metrics';
import { compareByLine, describeAgreement, emptyAgreement } from './reference/pairing';
import {
  RADON_CORPUS,
  loadRadonRecording,
  loadRecordedCorpus,
  verifyRecordedCorpus,
} from './reference/radon-recording';

const REQUIRED_EXACT_RATE = 0.95;

beforeAll(() => loadLanguages(['python']));

test('Python: matches radon where radon and lizard count alike (stdlib)', () => {
  const recording = loadRadonRecording();
  const corpus = loadRecordedCorpus();
  verifyRecordedCorpus(recording, corpus, RADON_CORPUS);
  const files = Object.entries(recording.files);
  expect(files.length).toBeGreaterThan(20);

  const agreement = emptyAgreement();
  let excluded = 0;
  for (const [path, { functions }] of files) {
    const excludedLines = new Set(functions.filter((r) => r.excluded !== null).map((r) => r.line));
    excluded += excludedLines.size;
    const ours = analyzeFileMetricsSync({ path, text: corpus.get(path)! });
    compareByLine(
      path,
      ours.functions.filter((fn) => !excludedLines.has(fn.startLine)),
      (fn) => fn.cyclomatic,
      functions.filter((r) => r.excluded === null).map((r) => ({ line: r.line, value: r.cc })),
      agreement,
    );
  }
  console.log(
    `${describeAgreement(`${recording.corpus.python} stdlib vs radon ${recording.radon}`, agreement)}\n` +
      `  (${excluded} functions left out)`,
  );
  expect(agreement.paired).toBeGreaterThan(1000);
  expect(agreement.rate).toBeGreaterThanOrEqual(REQUIRED_EXACT_RATE);
});
