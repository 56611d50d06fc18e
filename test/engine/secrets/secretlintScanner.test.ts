import { performance } from 'node:perf_hooks';
import { scanWithSecretlint } from '../../../src/engine/secrets/secretlintScanner';

const awsId = ['AKIA', 'QYLPMN5HHHFPZAM2'].join('');

describe('secretlint adapter (ESM package loaded from CommonJS on this Node version)', () => {
  it('reports AWS access key IDs because the ID scan rule is enabled', async () => {
    const found = await scanWithSecretlint('src/a.ts', `const id = "${awsId}";\n`, 1);
    expect(found.map((c) => [c.ruleId, c.start, c.end])).toEqual([['secretlint/aws', 12, 32]]);
    expect(found[0]?.label).toBe('AWS Access Key ID');
    expect(found[0]?.label).not.toContain(awsId);
  });

  it('reports the span of the secret itself in a file that starts with a byte order mark', async () => {
    const text = `\uFEFFconst id = "${awsId}";\n`;
    const found = await scanWithSecretlint('src/a.ts', text, 1);
    expect(found.map((c) => [c.start, c.end, c.secret === awsId])).toEqual([[13, 33, true]]);
  });

  it('leaves documented example keys alone', async () => {
    const example = ['AKIA', 'IOSFODNN7', 'EXAMPLE'].join('');
    expect(await scanWithSecretlint('a.ts', `const id = "${example}";\n`, 1)).toEqual([]);
  });

  it('does not pile up performance marks scan after scan (profiler disabled)', async () => {
    for (let i = 0; i < 20; i++) await scanWithSecretlint(`f${i}.ts`, `const id = "${awsId}";\n`, 1);
    const ours = performance.getEntriesByType('mark').filter((m) => !m.name.startsWith('jest/'));
    expect(ours).toHaveLength(0);
  });
});
