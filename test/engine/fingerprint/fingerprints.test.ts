import { fnv1a64, fingerprintsFor, normaliseCode } from '../../../src/engine/fingerprint';
import { runRules } from '../../../src/engine/rules/run-rules';
import { allRules } from '../../../src/engine/rules';
import type { DuplicateBlockInput } from '../../../src/engine/rules/rule-types';
import { fileOf, fn } from '../rules/rule-fixtures';

describe('fnv1a64', () => {
  it('matches the published FNV-1a 64 test vectors', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
  });

  it('hashes UTF-8 bytes into 16 hex characters', () => {
    expect(fnv1a64('größe ✓')).toMatch(/^[0-9a-f]{16}$/);
    expect(fnv1a64('größe ✓')).not.toBe(fnv1a64('grosse ✓'));
  });
});

describe('normaliseCode', () => {
  it('collapses whitespace so re-indenting keeps identity', () => {
    expect(normaliseCode(['    if (a &&   b) {'], 1)).toBe(normaliseCode(['if (a && b) {'], 1));
  });
});

describe('fingerprints of findings', () => {
  const complexAt = (startLine: number, name = 'parseOrder') =>
    fileOf([fn({ name, startLine, endLine: startLine + 30, cyclomatic: 12, lines: 31 })]);
  const run = (file = complexAt(10), text = '') =>
    runRules(allRules, { file, text, duplicates: [], secrets: [] });

  it('survive moving a function down 20 lines', () => {
    const before = run(complexAt(10));
    const after = run(complexAt(30));
    expect(before[0]?.line).toBe(10);
    expect(after[0]?.line).toBe(30);
    expect(after[0]?.fingerprint).toBe(before[0]?.fingerprint);
  });

  it('differ between rules, paths and functions', () => {
    const base = run()[0]?.fingerprint;
    expect(run(complexAt(10, 'other'))[0]?.fingerprint).not.toBe(base);
    expect(run({ ...complexAt(10), path: 'src/elsewhere.ts' })[0]?.fingerprint).not.toBe(base);
    expect(base).toMatch(/^[0-9a-f]{16}$/);
  });

  it('anchor line findings on their code, so shifted code keeps them and edited code does not', () => {
    const block = (startLine: number): DuplicateBlockInput => ({
      tokens: 80,
      lines: 10,
      fingerprint: 'x',
      first: { path: 'src/app.ts', startLine, endLine: startLine + 9 },
      second: { path: 'src/b.ts', startLine: 1, endLine: 10 },
    });
    const code = Array.from({ length: 10 }, (_, i) => `total += price[${i}];`);
    const textAt = (offset: number, body = code) => [...Array<string>(offset).fill(''), ...body].join('\n');
    const finding = (offset: number, body = code) =>
      runRules(allRules, {
        file: fileOf([]),
        text: textAt(offset, body),
        duplicates: [block(offset + 1)],
        secrets: [],
      })[0];
    expect(finding(20)?.fingerprint).toBe(finding(0)?.fingerprint);
    const edited = [...code.slice(0, 9), 'total -= refund;'];
    expect(finding(0, edited)?.fingerprint).not.toBe(finding(0)?.fingerprint);
  });

  it('tell identical keys apart by occurrence, in line order', () => {
    const subjects = [
      { ruleId: 'r', path: 'p', line: 20, functionName: 'f' },
      { ruleId: 'r', path: 'p', line: 5, functionName: 'f' },
    ];
    const [late, early] = fingerprintsFor(subjects, []);
    expect(late).not.toBe(early);
    // Input order does not matter: the earlier line is always occurrence 0.
    const [early2, late2] = fingerprintsFor([subjects[1]!, subjects[0]!], []);
    expect([early2, late2]).toEqual([early, late]);
  });

  it('identify anonymous functions by their first line, since they share a name', () => {
    const text = ['items.map((x) => {', '});', 'orders.filter((o) => {', '});'].join('\n');
    const file = fileOf([
      fn({ name: '<anonymous>', startLine: 1, endLine: 2, cyclomatic: 10 }),
      fn({ name: '<anonymous>', startLine: 3, endLine: 4, cyclomatic: 10 }),
    ]);
    const moved = fileOf([fn({ name: '<anonymous>', startLine: 3, endLine: 4, cyclomatic: 10 })]);
    const both = runRules(allRules, { file, text, duplicates: [], secrets: [] });
    const onlySecond = runRules(allRules, { file: moved, text, duplicates: [], secrets: [] });
    // Removing the first callback keeps the second one's identity (no occurrence shift).
    expect(onlySecond[0]?.fingerprint).toBe(both[1]?.fingerprint);
  });
});
