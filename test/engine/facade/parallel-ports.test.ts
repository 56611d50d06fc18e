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
    // Workers are released once, after the per-file phase and before duplication and rules.
    expect(idled()).toBe(1);
  });
});
