import { analyzeFilesWith } from '../../../src/engine/analyze-files';
import type { EnginePorts } from '../../../src/engine/engine-ports';
import type { SourceFile } from '../../../src/engine/types';
import { complexFunction, fakeMetrics, fakePorts } from './fake-ports';

/**
 * Ports that analyse several files at once (the CLI's worker threads) must give exactly the report sequential ones
 * give: same files, findings and skip reasons in the same order, whatever order the answers arrive in.
 */
const files: SourceFile[] = [
  { path: 'a.js', text: complexFunction('first', 9).join('\n') },
  { path: 'broken.js', text: 'function broken() {\n}\n' },
  { path: 'b.js', text: 'const token = "SECRET_abc";\n' },
  { path: 'a.js', text: 'given twice\n' },
  { path: 'dist/app.min.js', text: `${'x'.repeat(5000)}\n` },
  { path: 'c.js', text: complexFunction('third', 12).join('\n') },
];

/** Answers later for earlier files, so completion order is the reverse of input order. */
function reversedParallelPorts(): { ports: EnginePorts; idled: () => number } {
  const base = fakePorts({
    analyzeFileMetrics: async (file) => {
      if (file.path === 'broken.js') throw new Error('parser crashed');
      return fakeMetrics(file);
    },
  });
  let idle = 0;
  const delay = (file: SourceFile): Promise<void> =>
    new Promise((resolve) => setTimeout(resolve, 30 - 5 * files.indexOf(file)));
  return {
    idled: () => idle,
    ports: {
      ...base,
      parallelism: 4,
      analyzeFileMetrics: async (file) => {
        await delay(file);
        return base.analyzeFileMetrics(file);
      },
      idle: async () => {
        idle += 1;
      },
    },
  };
}

describe('analyzeFilesWith on parallel ports', () => {
  it('reports exactly what sequential ports report, in input order', async () => {
    const sequential = await analyzeFilesWith(
      fakePorts({
        analyzeFileMetrics: async (file) => {
          if (file.path === 'broken.js') throw new Error('parser crashed');
          return fakeMetrics(file);
        },
      }),
      files,
    );
    const { ports, idled } = reversedParallelPorts();
    const progress: string[] = [];
    const parallel = await analyzeFilesWith(
      ports,
      files,
      {},
      {
        onFileAnalysed: (done, total) => progress.push(`${done}/${total}`),
      },
    );
    expect(parallel).toEqual(sequential);
    expect(parallel.skipped.map((s) => s.path)).toEqual(['broken.js', 'a.js', 'dist/app.min.js']);
    expect(parallel.findings.map((f) => f.path)).toEqual(expect.arrayContaining(['a.js', 'b.js', 'c.js']));
    // The screened-out duplicate and minified file are not counted as work; the other four are, once each.
    expect(progress).toEqual(['1/4', '2/4', '3/4', '4/4']);
    // Workers are released once, when the last file's metrics are in.
    expect(idled()).toBe(1);
  });

  it('searches the copies again without a file that could not be measured, as sequential ports never saw it', async () => {
    // The search starts before any metrics are in, on every file with a parsed language: broken.js takes part.
    const copy = (path: string, endLine: number) => ({ path, startLine: 1, endLine });
    const blocks = [
      { tokens: 60, lines: 2, fingerprint: 'ab', first: copy('a.js', 2), second: copy('broken.js', 2) },
      { tokens: 90, lines: 10, fingerprint: 'ac', first: copy('a.js', 10), second: copy('c.js', 10) },
    ];
    const searched: string[][] = [];
    const failing = {
      analyzeFileMetrics: async (file: SourceFile) => {
        if (file.path === 'broken.js') throw new Error('parser crashed');
        return fakeMetrics(file);
      },
    };
    const sequential = await analyzeFilesWith(fakePorts(failing, blocks), files);
    const base = fakePorts(failing, blocks);
    const parallel = await analyzeFilesWith(
      {
        ...base,
        parallelism: 4,
        detectDuplicates: (code, options) => {
          searched.push(code.map((file) => file.path));
          return base.detectDuplicates(code, options);
        },
      },
      files,
    );
    expect(searched).toEqual([
      ['a.js', 'broken.js', 'b.js', 'c.js'],
      ['a.js', 'b.js', 'c.js'],
    ]);
    expect(parallel).toEqual(sequential);
    expect(parallel.findings.filter((f) => f.ruleId === 'duplicated-code').map((f) => f.path)).toEqual([
      'a.js',
      'c.js',
    ]);
  });
});
