/**
 * Every exit code docs/cli.md promises, reached the way a user reaches it. The engine is replaced only where the
 * failure cannot be produced for real from outside (an internal error; the engine failing to load is also run for
 * real, on a damaged build, in damaged-engine.test.ts).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runAnalyze } from '../../src/cli/analyze/command';
import { cliEngine } from '../../src/cli/engine';
import type { EnginePort } from '../../src/cli/engine-port';
import { EXIT, type CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { EngineUnavailableError } from '../../src/engine/engine-unavailable';
import { RULES } from './report-fixtures';
import { branchyFunction, lintel, removeDir, SIMPLE_FUNCTION, tempDir, writeFiles } from './run-bin';

/** The rows of the "Exit codes" table of `lintel analyze` in docs/cli.md: code → meaning. */
function documentedCodes(): Map<number, string> {
  const doc = readFileSync(join(__dirname, '../../docs/cli.md'), 'utf8');
  const section = doc.slice(doc.indexOf('### Exit codes'), doc.indexOf('### Output formats'));
  return new Map([...section.matchAll(/^\| (\d) \| (.+) \|$/gm)].map((m) => [Number(m[1]), m[2] ?? '']));
}

/** The CLI's io in `dir`, with what it wrote kept. */
function capturedIo(dir: string): { io: CliIo; out: { stdout: string; stderr: string } } {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    stderrIsTTY: false,
    cwd: dir,
  };
  return { io, out };
}

function runWithEngine(dir: string, failure: Error) {
  const { io, out } = capturedIo(dir);
  const engine: EnginePort = {
    analyzeFiles: () => Promise.reject(failure),
    analyzeChange: () => Promise.reject(failure),
    rules: RULES,
  };
  const commands = [
    { name: 'analyze', summary: '', run: (argv: string[], i: CliIo) => runAnalyze(argv, i, () => engine) },
  ];
  return runCli(['analyze', 'ok.js'], io, commands).then((code) => ({ code, ...out }));
}

describe('exit codes', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFiles(dir, { 'ok.js': SIMPLE_FUNCTION, 'bad.js': branchyFunction('tangled', 20) });
  });
  afterAll(() => removeDir(dir));

  it('are the ones docs/cli.md documents, and no others', () => {
    const documented = documentedCodes();
    expect([...documented.keys()]).toEqual([
      EXIT.passed,
      EXIT.gateFailed,
      EXIT.usageOrInput,
      EXIT.incomplete,
    ]);
    expect(documented.get(EXIT.passed)).toMatch(/gate passed/);
    expect(documented.get(EXIT.gateFailed)).toMatch(/gate failed/);
    expect(documented.get(EXIT.usageOrInput)).toMatch(
      /bad usage or input.*nothing to analyse.*internal error/,
    );
    expect(documented.get(EXIT.incomplete)).toMatch(/engine itself cannot run/);
  });

  it('0: the analysis ran and the gate passed', () => {
    expect(lintel(['analyze', 'ok.js'], dir).code).toBe(0);
  });

  it('1: the analysis ran and the gate failed', () => {
    const r = lintel(['analyze', 'bad.js'], dir);
    expect(r.stdout).toContain('Quality gate: FAILED');
    expect(r.code).toBe(1);
  });

  it('1: a file the engine could not analyse keeps the gate from passing, and the verdict says so', async () => {
    // The real engine, with one file's analysis failing as a crashed rule would: that cannot be caused from outside.
    const real = cliEngine();
    const engine: EnginePort = {
      ...real,
      analyzeFiles: async (files, options, hooks) => {
        const result = await real.analyzeFiles(files, options, hooks);
        const reason = 'could not be analysed: rules failed: boom';
        return {
          ...result,
          skipped: [...result.skipped, { path: 'other.js', reason, kind: 'not-analysed' }],
        };
      },
    };
    const { io, out } = capturedIo(dir);
    expect(await runAnalyze(['ok.js'], io, () => engine)).toBe(EXIT.gateFailed);
    expect(out.stdout).toContain(
      'Quality gate: NOT ANALYSED — 1 file was not analysed (could not be analysed: rules failed: boom)',
    );
  });

  it.each([
    ['an unknown option', ['analyze', '--formt', 'json', 'ok.js']],
    ['a missing path', ['analyze', 'missing.js']],
    ['an unknown command', ['analyse-all']],
    ['no command', []],
  ])('2: bad usage (%s)', (_, args) => {
    expect(lintel(args, dir).code).toBe(2);
  });

  it('2: bad input (nothing to analyse)', () => {
    writeFiles(dir, { 'blob/x.bin': Uint8Array.from([0, 1, 2]) });
    expect(lintel(['analyze', 'blob'], dir).code).toBe(2);
  });

  it('2: an internal error, with the message and the advice to report it', async () => {
    const r = await runWithEngine(dir, new TypeError('cannot read properties of undefined'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lintel analyze: internal error: cannot read properties of undefined');
    expect(r.stderr).toContain('Set LINTEL_DEBUG=1 to see the stack trace');
    expect(r.stdout).toBe('');
  });

  it('3: the engine cannot run, so nothing was judged', async () => {
    const r = await runWithEngine(dir, new EngineUnavailableError('tree-sitter-javascript.wasm is damaged'));
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('the analysis engine cannot run: tree-sitter-javascript.wasm is damaged');
    expect(r.stdout).toBe('');
  });
});
