// The radon comparison runs against recorded answers; it must refuse to compare when the corpus files are not
// the ones radon saw, and say how to get the right ones, rather than report nonsense.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RADON_CORPUS,
  loadRadonRecording,
  loadRecordedCorpus,
  sha256,
  verifyRecordedCorpus,
  type RadonRecording,
} from './reference/radon-recording';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'lintel-radon-corpus-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function recordingOf(files: Record<string, string>): RadonRecording {
  return {
    about: 'test',
    radon: '5.1.0',
    radonPython: 'CPython 3.11.7',
    corpus: { python: 'CPython 3.11.7', packages: ['json'] },
    files: Object.fromEntries(
      Object.entries(files).map(([path, text]) => [
        path,
        { sha256: sha256(Buffer.from(text)), functions: [] },
      ]),
    ),
  };
}

test('the same files radon saw pass the check', () => {
  const corpus = new Map([['json/a.py', 'def f():\n    return 1\n']]);
  expect(() =>
    verifyRecordedCorpus(recordingOf({ 'json/a.py': 'def f():\n    return 1\n' }), corpus, 'corpus.br'),
  ).not.toThrow();
});

test('a changed or missing corpus file stops the comparison, naming the file and the way out', () => {
  const corpus = new Map([['json/a.py', 'def f():\n    return 2\n']]);
  const recording = recordingOf({ 'json/a.py': 'def f():\n    return 1\n', 'json/b.py': 'x = 1\n' });
  const check = () => verifyRecordedCorpus(recording, corpus, 'corpus.br');
  expect(check).toThrow('2 of them differ in corpus.br');
  expect(check).toThrow('json/a.py: different content');
  expect(check).toThrow('json/b.py: missing');
  expect(check).toThrow('`npm run record:radon`');
});

test('a corpus file that is not Brotli JSON is refused with the command that regenerates it', () => {
  const file = join(root, 'corpus.json.br');
  writeFileSync(file, '{"json/a.py": "x = 1"}');
  expect(() => loadRecordedCorpus(file)).toThrow(`${file} is not radon's corpus`);
});

test('the committed corpus is exactly the files the committed recording was made on', () => {
  const recording = loadRadonRecording();
  const corpus = loadRecordedCorpus();
  expect([...corpus.keys()].sort()).toEqual(Object.keys(recording.files).sort());
  expect(() => verifyRecordedCorpus(recording, corpus, RADON_CORPUS)).not.toThrow();
});

test('a recording without radon and Python versions is refused with the command that regenerates it', () => {
  const file = join(root, 'recording.json');
  writeFileSync(file, JSON.stringify({ files: {} }));
  expect(() => loadRadonRecording(file)).toThrow(
    `${file} is not a radon recording (no versions): regenerate it with \`npm run record:radon\``,
  );
});

test('the committed recording names the radon and Python it was made with', () => {
  const recording = loadRadonRecording();
  expect(recording.radon).toMatch(/^\d+\.\d+\.\d+$/);
  expect(recording.corpus.python).toMatch(/^CPython 3\.\d+\.\d+$/);
  expect(Object.keys(recording.files).every((path) => !path.startsWith('/'))).toBe(true);
});
