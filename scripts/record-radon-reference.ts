/**
 * Records radon's per-function cyclomatic complexity for the Python corpus into
 * test/engine/metrics/reference/radon-python-stdlib.json, and the corpus itself (the files radon read, as
 * { path: text }, Brotli-compressed) into radon-corpus.json.br beside it, which
 * test/engine/metrics/cyclomaticVsRadon.test.ts compares Lintel against. Run it where radon is installed (the tests themselves need no Python packages):
 *
 *   npm run record:radon
 *
 * RADON_PYTHON: the interpreter that imports radon (default: python3 if it can, else the one in the `radon`
 * command's #! line, as Debian's package has). CORPUS_PYTHON: the interpreter whose standard library is the
 * corpus (default: python3). Commit both files it writes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { join, relative } from 'node:path';
import * as prettier from 'prettier';
import { corpusFiles } from '../test/engine/metrics/reference/corpus';
import {
  RADON_CORPUS,
  RADON_RECORDING,
  RECORD_COMMAND,
  STDLIB_PACKAGES,
  corpusPython,
  describePython,
  sha256,
  type RadonFunction,
  type RadonRecording,
} from '../test/engine/metrics/reference/radon-recording';

const REFERENCE_SCRIPT = join(
  __dirname,
  '..',
  'test',
  'engine',
  'metrics',
  'reference',
  'radon_reference.py',
);

function radonVersion(python: string): string | undefined {
  try {
    return execFileSync(python, ['-c', 'import radon; print(radon.__version__)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

function findRadonPython(): { python: string; version: string } {
  const candidates = process.env.RADON_PYTHON ? [process.env.RADON_PYTHON] : ['python3', radonShebang()];
  for (const python of candidates) {
    const version = python ? radonVersion(python) : undefined;
    if (python && version) return { python, version };
  }
  throw new Error(
    `radon cannot be imported by ${candidates.filter(Boolean).join(' or ')}: install it ` +
      '(`pip install radon`, or Debian/Ubuntu `apt-get install radon`) or set RADON_PYTHON.',
  );
}

function radonShebang(): string | undefined {
  try {
    const radon = execFileSync('sh', ['-c', 'command -v radon'], { encoding: 'utf8' }).trim();
    return (readFileSync(radon, 'utf8').split('\n')[0] ?? '').replace(/^#!\s*/, '').trim() || undefined;
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const radon = findRadonPython();
  const corpus = describePython(corpusPython());
  const files = STDLIB_PACKAGES.flatMap((pkg) => corpusFiles(join(corpus.stdlib, pkg), ['.py']));
  const output = JSON.parse(
    execFileSync(radon.python, [REFERENCE_SCRIPT, ...files], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as Record<string, RadonFunction[]>;
  const recording: RadonRecording = {
    about: `radon's per-function cyclomatic complexity on part of the Python standard library. Written by \`${RECORD_COMMAND}\` (scripts/record-radon-reference.ts); do not edit by hand.`,
    radon: radon.version,
    radonPython: describePython(radon.python).version,
    corpus: { python: corpus.version, packages: STDLIB_PACKAGES },
    files: Object.fromEntries(
      files.map((file) => [
        relative(corpus.stdlib, file),
        { sha256: sha256(readFileSync(file)), functions: output[file] ?? [] },
      ]),
    ),
  };
  const text = await prettier.format(JSON.stringify(recording), {
    ...(await prettier.resolveConfig(RADON_RECORDING)),
    filepath: RADON_RECORDING,
  });
  writeFileSync(RADON_RECORDING, text);
  const corpusJson = Buffer.from(
    JSON.stringify(
      Object.fromEntries(files.map((file) => [relative(corpus.stdlib, file), readFileSync(file, 'utf8')])),
    ),
  );
  writeFileSync(
    RADON_CORPUS,
    brotliCompressSync(corpusJson, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  const functions = Object.values(recording.files).reduce((n, f) => n + f.functions.length, 0);
  console.log(
    `Wrote ${relative(process.cwd(), RADON_RECORDING)} and ${relative(process.cwd(), RADON_CORPUS)}: radon ${recording.radon} on ${recording.radonPython}, ` +
      `${files.length} files of ${corpus.version}'s standard library (${corpus.stdlib}), ${functions} functions`,
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
