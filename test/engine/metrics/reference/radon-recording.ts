/**
 * radon's per-function cyclomatic complexity, recorded once where radon is installed
 * (scripts/record-radon-reference.ts) and compared against on every machine, so the suite needs neither radon nor
 * Python. The corpus is part of the CPython standard library, committed beside the recording as the very files radon
 * saw (radon-corpus.json.br: { path: text }, Brotli; the Python Software Foundation License allows redistribution),
 * and the recording names each file with its SHA-256, so the two cannot drift apart unnoticed.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';

export const RADON_RECORDING = join(__dirname, 'radon-python-stdlib.json');
export const RADON_CORPUS = join(__dirname, 'radon-corpus.json.br');
export const RECORD_COMMAND = 'npm run record:radon';

/** Standard-library packages used as the corpus: ordinary, varied code with thousands of functions. */
export const STDLIB_PACKAGES = [
  'json',
  'email',
  'http',
  'logging',
  'unittest',
  'xml/dom',
  'urllib',
  'importlib',
];

export interface RadonFunction {
  line: number;
  cc: number;
  /** Why the function is left out of the comparison (a construct radon and lizard count differently), or null. */
  excluded: string | null;
}

export interface RadonRecording {
  about: string;
  radon: string;
  /** The interpreter radon ran on: its `ast` decides what radon sees. */
  radonPython: string;
  corpus: { python: string; packages: string[] };
  /** Keyed by path relative to the standard library root. */
  files: Record<string, { sha256: string; functions: RadonFunction[] }>;
}

export function loadRadonRecording(file = RADON_RECORDING): RadonRecording {
  const data = JSON.parse(readFileSync(file, 'utf8')) as RadonRecording;
  const bad = (why: string): Error =>
    new Error(`${file} is not a radon recording (${why}): regenerate it with \`${RECORD_COMMAND}\``);
  if (typeof data.radon !== 'string' || typeof data.corpus?.python !== 'string') throw bad('no versions');
  for (const [path, entry] of Object.entries(data.files ?? {})) {
    if (!/^[0-9a-f]{64}$/.test(entry.sha256)) throw bad(`${path} has no sha256`);
    if (!Array.isArray(entry.functions)) throw bad(`${path} has no functions`);
  }
  return data;
}

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

/** The interpreter whose standard library is the corpus: CORPUS_PYTHON, else `python3` on PATH. */
export function corpusPython(): string {
  return process.env.CORPUS_PYTHON ?? 'python3';
}

export function describePython(python: string): { version: string; stdlib: string } {
  try {
    const [version = '', stdlib = ''] = execFileSync(
      python,
      [
        '-c',
        'import platform, sysconfig; print(platform.python_implementation(), platform.python_version()); ' +
          'print(sysconfig.get_paths()["stdlib"])',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    )
      .trim()
      .split('\n');
    return { version, stdlib };
  } catch (error) {
    throw new Error(
      `Cannot run ${python} to find the Python standard library that radon's recording was made on ` +
        `(${(error as Error).message.split('\n')[0]}). Install Python 3 or set CORPUS_PYTHON to an interpreter.`,
      { cause: error },
    );
  }
}

/** The committed corpus: path → the file's text, exactly as radon read it. */
export function loadRecordedCorpus(file = RADON_CORPUS): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(brotliDecompressSync(readFileSync(file)).toString('utf8'));
  } catch (error) {
    throw new Error(`${file} is not radon's corpus: regenerate it with \`${RECORD_COMMAND}\``, {
      cause: error,
    });
  }
  const entries = Object.entries(parsed as Record<string, unknown>).filter(
    (e): e is [string, string] => typeof e[1] === 'string',
  );
  return new Map(entries);
}

/**
 * Checks that `corpus` holds exactly the files the recording was made on. Throws a message naming what
 * differs and the way out: record radon again, which writes both files.
 */
export function verifyRecordedCorpus(
  recording: RadonRecording,
  corpus: ReadonlyMap<string, string>,
  where: string,
): void {
  const problems: string[] = [];
  for (const [path, { sha256: recorded }] of Object.entries(recording.files)) {
    const text = corpus.get(path);
    if (text === undefined) problems.push(`${path}: missing`);
    else if (sha256(Buffer.from(text, 'utf8')) !== recorded) problems.push(`${path}: different content`);
  }
  if (problems.length === 0) return;
  const total = Object.keys(recording.files).length;
  throw new Error(
    [
      `radon's recording was made on ${total} files of the ${recording.corpus.python} standard library, but ` +
        `${problems.length} of them differ in ${where}:`,
      ...problems.slice(0, 5).map((p) => `  ${p}`),
      ...(problems.length > 5 ? [`  … and ${problems.length - 5} more`] : []),
      `Record radon again where radon ${recording.radon} is installed (it rewrites the recording and the corpus): ` +
        `\`${RECORD_COMMAND}\`.`,
    ].join('\n'),
  );
}
