/**
 * Honest states (docs/gate.md): what an analysis did not cover decides whether the verdict can be a pass, and every
 * place the verdict shows — build status, report, summary comment, merge check — says what was not analysed.
 */
import type { PullRequestInfo } from '../../src/bitbucket/models';
import type { SkipReason } from '../../src/engine/types';
import { evaluateGate, gateOutcome, judgeCoverage } from '../../src/gate';
import { reportFor } from '../../src/publish/report';
import { verdictStatus } from '../../src/publish/status';
import { summaryCommentFor } from '../../src/publish/summary-comment';
import { mergeVerdict } from '../../src/pipeline/merge-verdict';
import { DEFAULT_SETTINGS } from '../../src/settings';
import { analysisWith, finding } from '../publish/fixtures';

const pr: PullRequestInfo = {
  id: 3,
  title: 't',
  state: 'OPEN',
  source: { branch: { name: 'feature' }, commit: { hash: 'abc' } },
  destination: { branch: { name: 'main' }, commit: { hash: 'def' } },
};

const byDesign: SkipReason[] = [
  { path: 'dist/app.min.js', reason: 'minified file (name ends in .min.js)' },
  { path: 'img/logo.png', reason: 'binary file' },
];
const chunkFailed: SkipReason[] = [
  { path: 'pkg/a.ts', reason: 'not analysed: Bitbucket call failed: HTTP 500', kind: 'not-analysed' },
  { path: 'pkg/b.ts', reason: 'not analysed: Bitbucket call failed: HTTP 500', kind: 'not-analysed' },
];
const unscanned: SkipReason = {
  path: 'src/keys.ts',
  reason: 'secret scan failed: scanner crashed',
  kind: 'secrets-not-scanned',
};

const judge = (skipped: SkipReason[], findings = analysisWith().newFindings) => {
  const analysis = analysisWith({ skipped, newFindings: findings });
  return { analysis, verdict: judgeCoverage(evaluateGate(analysis, DEFAULT_SETTINGS.gate), skipped) };
};
const unescaped = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

describe('judgeCoverage', () => {
  it('lets files set aside by design stand beside a passing verdict', () => {
    const { verdict, analysis } = judge(byDesign);
    expect(gateOutcome(verdict)).toBe('passed');
    expect(verdictStatus(pr, verdict, analysis).state).toBe('SUCCESSFUL');
    const summary = unescaped(summaryCommentFor({ analysis, verdict, commit: 'a'.repeat(40) }));
    expect(summary).toContain('**Set aside** (2)');
    expect(summary).toContain('- dist/app.min.js: minified file');
    expect(summary).not.toContain('**Not analysed**');
  });

  it('never passes when files were not analysed: the status is STOPPED, the report has no result', () => {
    const { verdict, analysis } = judge([...byDesign, ...chunkFailed]);
    expect(verdict.passed).toBe(false);
    expect(gateOutcome(verdict)).toBe('not-analysed');
    expect(verdict.notAnalysed).toEqual({
      files: 2,
      reasons: ['not analysed: Bitbucket call failed: HTTP 500'],
    });
    const status = verdictStatus(pr, verdict, analysis);
    expect(status.state).toBe('STOPPED');
    expect(status.description).toMatch(/^Not analysed: 2 files were not analysed \(not analysed: Bitbucket/);
    expect(status.description).toMatch(/push a commit or edit the pull request to try again/);
    const report = reportFor({ analysis, verdict, pullRequest: pr, durationMs: 1 });
    expect(report.result).toBeUndefined();
    expect(report.details).toMatch(/^Not fully analysed: 2 files were not analysed/);
    expect(report.data[0]).toEqual({ title: 'Quality gate', type: 'TEXT', value: 'Not analysed (2 files)' });
  });

  it('says first in the summary what was not analysed, before conditions and issues', () => {
    const { verdict, analysis } = judge([...byDesign, ...chunkFailed], [finding({ severity: 'LOW' })]);
    const summary = unescaped(summaryCommentFor({ analysis, verdict, commit: 'a'.repeat(40) }));
    const lines = summary.split('\n').filter((l) => l !== '');
    expect(lines[1]).toBe('### ⚠️ Lintel quality gate: not analysed (2 files)');
    expect(lines[2]).toMatch(
      /^\*\*Not analysed\*\* \(2\): Lintel could not analyse these, so this pull request cannot pass/,
    );
    expect(lines.slice(3, 5)).toEqual([
      '- pkg/a.ts: not analysed: Bitbucket call failed: HTTP 500',
      '- pkg/b.ts: not analysed: Bitbucket call failed: HTTP 500',
    ]);
    expect(summary.indexOf('**Not analysed**')).toBeLessThan(summary.indexOf('**Code health**'));
    expect(summary).toContain('**Set aside** (2)');
  });

  it('keeps a failure a failure, and names what was not analysed with it', () => {
    const { verdict, analysis } = judge(chunkFailed, [finding({ severity: 'HIGH' })]);
    expect(gateOutcome(verdict)).toBe('failed');
    const status = verdictStatus(pr, verdict, analysis);
    expect(status.state).toBe('FAILED');
    expect(status.description).toBe(
      'Quality gate failed: 1 new HIGH or worse issue (limit 0); 2 files were not analysed (not analysed: Bitbucket call failed: HTTP 500).',
    );
    expect(reportFor({ analysis, verdict, pullRequest: pr, durationMs: 1 }).result).toBe('FAILED');
  });

  it('fails the gate when a file was analysed but not scanned for secrets', () => {
    const { verdict, analysis } = judge([unscanned]);
    expect(gateOutcome(verdict)).toBe('failed');
    expect(verdict.notAnalysed).toBeUndefined();
    expect(verdict.conditions.find((c) => c.id === 'secretScan')).toEqual({
      id: 'secretScan',
      passed: false,
      actual: 1,
      limit: 0,
      message: '1 file not scanned for secrets (limit 0)',
    });
    expect(verdictStatus(pr, verdict, analysis).state).toBe('FAILED');
    const summary = unescaped(summaryCommentFor({ analysis, verdict, commit: 'a'.repeat(40) }));
    expect(summary).toContain('**Not scanned for secrets** (1)');
    expect(summary).toContain('- src/keys.ts: secret scan failed: scanner crashed');
    expect(summary).not.toContain('**Not analysed**');
  });

  it('blocks the merge of a head that was not fully analysed, and says how to try again', () => {
    const head = 'c'.repeat(40);
    const stored = {
      state: 'done' as const,
      headHash: head,
      passed: false,
      reasons: [],
      summary: 'Lintel could not analyse all of this pull request: 2 files were not analysed (HTTP 500).',
      incomplete: { files: 2, reasons: ['HTTP 500'] },
    };
    const answer = mergeVerdict({ stored, queued: undefined, head: { ok: true, hash: head } });
    expect(answer.success).toBe(false);
    expect(answer.message).toBe(
      'Lintel could not analyse all of this pull request: 2 files were not analysed (HTTP 500). To try again, push a commit to its source branch, or edit the pull request (for example its description).',
    );
  });
});
