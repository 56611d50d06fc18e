import { runAnalyze } from '../../src/cli/analyze/command';
import type { EnginePort } from '../../src/cli/engine-port';
import { decodeSource } from '../../src/cli/files/decode-source';
import { parseNameStatus } from '../../src/cli/git/read-change';
import type { CliIo } from '../../src/cli/io';
import { runCli } from '../../src/cli/run';
import { filesAnalysis, RULES } from './report-fixtures';
import { removeDir, tempDir, writeFiles } from './run-bin';

function captureIo(cwd: string, stderrIsTTY: boolean) {
  const out = { stdout: '', stderr: '' };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    stderrIsTTY,
    cwd,
  };
  return { io, out };
}

const fakeEngine = (over: Partial<EnginePort> = {}): (() => EnginePort) => {
  const engine: EnginePort = {
    analyzeFiles: async () => filesAnalysis({ findings: [] }),
    analyzeChange: async () => {
      throw new Error('not used');
    },
    rules: RULES,
    ...over,
  };
  return () => engine;
};

describe('lintel analyze in-process', () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
    writeFiles(dir, { 'a.js': 'const a = 1;\n' });
  });
  afterAll(() => removeDir(dir));

  it('draws a progress line on a terminal and clears it before the report', async () => {
    const { io, out } = captureIo(dir, true);
    const code = await runAnalyze(['a.js'], io, fakeEngine());
    expect(code).toBe(0);
    expect(out.stderr).toContain('\rlintel: analysing 1 files…');
    expect(out.stderr.endsWith('\r')).toBe(true); // the line is blanked, leaving the cursor at column 0
    expect(out.stdout).toContain('Quality gate: PASSED');
  });

  it('keeps stderr clean when it is not a terminal', async () => {
    const { io, out } = captureIo(dir, false);
    await runAnalyze(['a.js'], io, fakeEngine());
    expect(out.stderr).toBe('');
  });

  it('hands the files to the engine with their contents and the settings thresholds', async () => {
    const analyzeFiles = jest.fn(async () => filesAnalysis({ findings: [] }));
    writeFiles(dir, {
      'settings.json': JSON.stringify({ thresholds: { 'complex-method': { cyclomatic: 12 } } }),
    });
    const { io } = captureIo(dir, false);
    await runAnalyze(
      ['--settings', 'settings.json', 'a.js', '--jobs', '3'],
      io,
      fakeEngine({ analyzeFiles }),
    );
    expect(analyzeFiles).toHaveBeenCalledWith(
      [{ path: 'a.js', text: 'const a = 1;\n' }],
      { thresholds: { 'complex-method': { cyclomatic: 12 } }, disabledRules: [] },
      // How the run is carried out: --jobs, and the progress line's per-file count.
      { jobs: 3, onFileAnalysed: expect.any(Function) },
    );
  });

  it('turns an engine failure into an internal-error message and exit code 2, without a stack trace', async () => {
    const { io, out } = captureIo(dir, false);
    const failing = fakeEngine({
      analyzeFiles: async () => {
        throw new Error('grammar failed to load');
      },
    });
    const code = await runCli(['analyze', 'a.js'], io, [
      { name: 'analyze', summary: '', run: (argv, cliIo) => runAnalyze(argv, cliIo, failing) },
    ]);
    expect(code).toBe(2);
    expect(out.stderr).toContain('lintel analyze: internal error: grammar failed to load');
    expect(out.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('decodeSource', () => {
  it('strips a UTF-8 byte order mark', () => {
    expect(decodeSource('a.ts', Buffer.from('\uFEFFlet x;', 'utf8'))).toEqual({
      file: { path: 'a.ts', text: 'let x;' },
    });
  });

  it('skips binary and invalid UTF-8 content with a reason', () => {
    expect(decodeSource('a.bin', Uint8Array.from([1, 0, 2]))).toEqual({
      skipped: { path: 'a.bin', reason: 'binary file' },
    });
    expect(decodeSource('a.txt', Uint8Array.from([0xc3, 0x28]))).toEqual({
      skipped: { path: 'a.txt', reason: 'not valid UTF-8 text' },
    });
  });
});

describe('parseNameStatus', () => {
  it('reads additions, deletions, modifications, renames and copies', () => {
    const fields = [
      'A',
      'new.ts',
      'D',
      'gone.ts',
      'M',
      'same.ts',
      'R087',
      'old.ts',
      'moved.ts',
      'C100',
      'src.ts',
      'copy.ts',
    ];
    expect(parseNameStatus(fields)).toEqual([
      { status: 'A', after: 'new.ts' },
      { status: 'D', before: 'gone.ts' },
      { status: 'M', before: 'same.ts', after: 'same.ts' },
      { status: 'R087', before: 'old.ts', after: 'moved.ts' },
      { status: 'C100', before: undefined, after: 'copy.ts' },
    ]);
  });
});
