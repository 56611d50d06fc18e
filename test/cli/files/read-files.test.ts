/**
 * `lintel analyze` reads its files many at a time: the report must still list them, and every file it could not
 * read, in the order they were collected, whatever order the reads finish in. Real files in a temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CollectedFile } from '../../../src/cli/files/collect-files';
import { MAX_FILE_BYTES } from '../../../src/cli/files/decode-source';
import { readSourceFiles } from '../../../src/cli/files/read-files';

describe('readSourceFiles', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lintel-read-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const collected = (name: string): CollectedFile => ({
    absolutePath: path.join(dir, name),
    reportPath: name,
    ignorePath: name,
    explicit: false,
  });

  it('keeps the collected order of sources and skips across far more files than it reads at once', async () => {
    const names: string[] = [];
    for (let i = 0; i < 150; i++) {
      const name = `f${String(i).padStart(3, '0')}.js`;
      // Large files interleaved with small ones, so reads finish out of order.
      const body = i % 7 === 0 ? `// ${'x'.repeat(200_000)}\n` : '';
      fs.writeFileSync(path.join(dir, name), `${body}export const v${i} = ${i};\n`);
      names.push(name);
    }
    fs.writeFileSync(path.join(dir, 'binary.bin'), Buffer.from([1, 0, 2]));
    fs.writeFileSync(path.join(dir, 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    fs.writeFileSync(path.join(dir, 'huge.js'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x61));
    const files = [
      ...names.slice(0, 40),
      'binary.bin',
      ...names.slice(40, 100),
      'missing.js',
      'latin1.txt',
      ...names.slice(100),
      'huge.js',
    ].map(collected);

    const { sources, skipped } = await readSourceFiles(files);

    expect(sources.map((s) => s.path)).toEqual(names);
    expect(sources[3]?.text).toBe('export const v3 = 3;\n');
    expect(skipped.map((s) => [s.path, s.reason])).toEqual([
      ['binary.bin', 'binary file'],
      ['missing.js', 'could not be read (ENOENT)'],
      ['latin1.txt', 'not valid UTF-8 text'],
      ['huge.js', expect.stringMatching(/^.+ is over the .+ limit$/) as unknown],
    ]);
  });

  it('reads nothing from an empty list', async () => {
    await expect(readSourceFiles([])).resolves.toEqual({ sources: [], skipped: [] });
  });
});
