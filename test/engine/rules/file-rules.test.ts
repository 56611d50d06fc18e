import { duplicatedCode } from '../../../src/engine/rules/duplicated-code';
import { hardCodedSecret } from '../../../src/engine/rules/hard-coded-secret';
import { largeFile } from '../../../src/engine/rules/large-file';
import type { DuplicateBlockInput, SecretHitInput } from '../../../src/engine/rules/rule-types';
import { contextFor, fileOf } from './rule-fixtures';

describe('large-file', () => {
  const check = (codeLines: number) =>
    largeFile.check(contextFor(largeFile, { file: fileOf([], { codeLines }) }));

  it('fires at 1,000 code lines and names the count and threshold', () => {
    expect(check(1000)).toEqual([
      expect.objectContaining({
        severity: 'MEDIUM',
        line: 1,
        message: 'This file has 1000 lines of code (limit 999).',
      }),
    ]);
  });

  it('stays quiet at 999 code lines', () => {
    expect(check(999)).toEqual([]);
  });

  it('is HIGH from 5,000 code lines', () => {
    expect(check(4999)[0]?.severity).toBe('MEDIUM');
    expect(check(5000)[0]?.severity).toBe('HIGH');
  });
});

describe('duplicated-code', () => {
  const block = (lines: number, secondPath = 'src/other.ts'): DuplicateBlockInput => ({
    tokens: 120,
    lines,
    fingerprint: 'abc',
    first: { path: 'src/app.ts', startLine: 5, endLine: 4 + lines },
    second: { path: secondPath, startLine: 40, endLine: 39 + lines },
  });
  const check = (blocks: DuplicateBlockInput[]) =>
    duplicatedCode.check(contextFor(duplicatedCode, { file: fileOf([]), duplicates: blocks }));

  it('fires at 10 lines and names both locations', () => {
    const findings = check([block(10)]);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ line: 5, endLine: 14, severity: 'MEDIUM' });
    expect(findings[0]?.message).toBe(
      '10 duplicated lines (120 tokens): src/app.ts:5-14 duplicates src/other.ts:40-49 (limit 9 lines).',
    );
  });

  it('stays quiet at 9 lines', () => {
    expect(check([block(9)])).toEqual([]);
  });

  it('reports both copies when they are in the same file', () => {
    const findings = check([block(12, 'src/app.ts')]);
    expect(findings.map((f) => f.line)).toEqual([5, 40]);
    expect(findings[1]?.message).toContain('src/app.ts:40-51 duplicates src/app.ts:5-16');
  });

  it('is HIGH from 50 lines', () => {
    expect(check([block(50)])[0]?.severity).toBe('HIGH');
  });
});

describe('hard-coded-secret', () => {
  const secretValue = 'ghp_4f9QeKx2Lm8Tz0aB7cD1eF3gH5iJ6kL9mN2p';
  const hit: SecretHitInput = {
    ruleId: 'github-token',
    line: 3,
    column: 15,
    endLine: 3,
    // A careless scanner message that quotes the value must still not leak into the finding.
    message: `found GitHub token: ${secretValue}`,
    preview: 'const token = "ghp_****"',
  };

  it('reports each hit as a CRITICAL vulnerability at its position', () => {
    const findings = hardCodedSecret.check(contextFor(hardCodedSecret, { file: fileOf([]), secrets: [hit] }));
    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'CRITICAL',
        line: 3,
        message: expect.stringContaining('github-token'),
      }),
    ]);
    expect(hardCodedSecret.meta).toMatchObject({ type: 'VULNERABILITY', defaultSeverity: 'CRITICAL' });
  });

  it('never carries the secret value, whatever the scanner said', () => {
    const findings = hardCodedSecret.check(
      contextFor(hardCodedSecret, {
        file: fileOf([]),
        secrets: [hit],
        sourceLines: [`const t = "${secretValue}"`],
      }),
    );
    expect(JSON.stringify(findings)).not.toContain(secretValue);
    expect(JSON.stringify(findings)).not.toContain('4f9QeKx2');
  });
});
