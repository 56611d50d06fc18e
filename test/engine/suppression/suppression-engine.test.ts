/**
 * Suppression through the engine: the real analysers for the languages (tree-sitter, the secret scanner), and
 * the facade's stand-in ports (test/engine/facade/fake-ports.ts) where diff mode's bookkeeping is the point.
 */
import { analyzeFiles } from '../../../src/engine';
import { analyzeChangeWith } from '../../../src/engine/change/analyze-change';
import { analyzeFilesWith } from '../../../src/engine/analyze-files';
import type { SourceFile } from '../../../src/engine/types';
import { unifiedDiff } from '../change/unified-diff';
import { complexFunction, fakePorts } from '../facade/fake-ports';

const secret = ['ghp_', '4f9QeKx2Lm8Tz0aB7cD1eF3gH5iJ6kL9mN2p'].join('');

/** A file per language: its comment, then a line assigning a token. */
const FILES: Array<[string, string, string]> = [
  ['src/a.js', '//', `const token = "${secret}";`],
  ['src/a.ts', '//', `export const token = "${secret}";`],
  ['src/a.tsx', '//', `export const token = "${secret}";`],
  ['src/A.java', '//', `class A { String token = "${secret}"; }`],
  ['src/a.go', '//', `var token = "${secret}"`],
  ['src/A.cs', '//', `class A { string token = "${secret}"; }`],
  ['src/a.c', '/*', `const char *token = "${secret}";`],
  ['src/a.cpp', '//', `auto token = "${secret}";`],
  ['src/a.rs', '//', `const TOKEN: &str = "${secret}";`],
  ['src/a.kt', '//', `val token = "${secret}"`],
  ['src/a.py', '#', `token = "${secret}"`],
  ['src/a.rb', '#', `TOKEN = "${secret}"`],
  ['src/a.php', '#', `<?php $token = "${secret}";`],
  ['deploy/app.yml', '#', `token: "${secret}"`],
  ['db/seed.sql', '--', `INSERT INTO keys VALUES ('${secret}');`],
];

describe('suppression with the real analysers', () => {
  it.each(FILES)('%s: a reviewed secret is allowed by the comment above it', async (path, opener, code) => {
    const close = opener === '/*' ? ' */' : '';
    const text = [
      `${opener} lintel-disable-next-line hard-coded-secret -- revoked test token${close}`,
      code,
      '',
    ].join('\n');
    const result = await analyzeFiles([{ path, text }]);
    expect(result.findings.filter((f) => f.ruleId !== 'large-file')).toEqual([]);
    expect(result.suppressed).toEqual([
      expect.objectContaining({
        ruleId: 'hard-coded-secret',
        line: 2,
        suppression: { form: 'next-line', line: 1, reason: 'revoked test token' },
      }),
    ]);
    expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('reports the same secret, unsuppressed, when the comment has no rule for it', async () => {
    const text = ['# lintel-disable -- fixtures', `token = "${secret}"`, ''].join('\n');
    const result = await analyzeFiles([{ path: 'src/a.py', text }]);
    expect(result.findings.map((f) => f.ruleId)).toEqual(['suppression-problem', 'hard-coded-secret']);
    expect(result.suppressed).toEqual([]);
  });
});

const diffOf = (base: SourceFile[], head: SourceFile[]): string =>
  head
    .map((after) => {
      const before = base.find((f) => f.path === after.path);
      return unifiedDiff(before ? after.path : null, after.path, before?.text ?? '', after.text);
    })
    .join('');

describe('suppression in diff mode', () => {
  const legacy = complexFunction('legacy', 10);

  it('does not count a suppressed finding as new, nor as fixed when its comment is added', async () => {
    const base = [{ path: 'src/a.js', text: legacy.join('\n') }];
    const head = [
      {
        path: 'src/a.js',
        text: ['// lintel-disable-next-line complex-method -- rewrite planned', ...legacy].join('\n'),
      },
    ];
    const result = await analyzeChangeWith(fakePorts(), { base, head, diff: diffOf(base, head) });
    expect(result.newFindings).toEqual([]);
    expect(result.fixedFindings).toEqual([]);
    // The finding was there before: suppressing it is not something this change would have introduced.
    expect(result.suppressed).toEqual([]);
    expect(result.head.suppressed.map((f) => f.functionName)).toEqual(['legacy']);
  });

  it('lists a new finding suppressed by the change, and it does not fail the gate as a new issue', async () => {
    const base = [{ path: 'src/a.js', text: 'const x = 1;' }];
    const head = [
      {
        path: 'src/a.js',
        text: [
          'const x = 1;',
          '// lintel-disable-next-line complex-method -- table of rules',
          ...legacy,
        ].join('\n'),
      },
    ];
    const result = await analyzeChangeWith(fakePorts(), { base, head, diff: diffOf(base, head) });
    expect(result.newFindings).toEqual([]);
    expect(result.suppressed.map((f) => [f.ruleId, f.functionName])).toEqual([['complex-method', 'legacy']]);
  });

  it('reports an unused suppression the change adds as a new LOW finding', async () => {
    const base = [{ path: 'src/a.js', text: 'const x = 1;' }];
    const head = [
      {
        path: 'src/a.js',
        text: ['// lintel-disable-next-line complex-method -- why', 'const x = 1;'].join('\n'),
      },
    ];
    const result = await analyzeChangeWith(fakePorts(), { base, head, diff: diffOf(base, head) });
    expect(result.newFindings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['suppression-problem', 'LOW', 1],
    ]);
  });
});

describe("settings' disabledRules", () => {
  const legacy = complexFunction('legacy', 10);

  it('switch a rule off in file analysis, without touching the others', async () => {
    const file = { path: 'src/a.js', text: [...legacy, 'const key = "SECRET_x";'].join('\n') };
    const on = await analyzeFilesWith(fakePorts(), [file]);
    const off = await analyzeFilesWith(fakePorts(), [file], { disabledRules: ['complex-method'] });
    expect(on.findings.map((f) => f.ruleId)).toEqual(['complex-method', 'hard-coded-secret']);
    expect(off.findings.map((f) => f.ruleId)).toEqual(['hard-coded-secret']);
  });

  it('switch a rule off in change analysis', async () => {
    const base = [{ path: 'src/a.js', text: 'const x = 1;' }];
    const head = [{ path: 'src/a.js', text: ['const x = 1;', ...legacy].join('\n') }];
    const input = { base, head, diff: diffOf(base, head) };
    const on = await analyzeChangeWith(fakePorts(), input);
    const off = await analyzeChangeWith(fakePorts(), input, { disabledRules: ['complex-method'] });
    expect(on.newFindings.map((f) => f.ruleId)).toEqual(['complex-method']);
    expect(off.newFindings).toEqual([]);
    expect(off.head.findings).toEqual([]);
  });
});
