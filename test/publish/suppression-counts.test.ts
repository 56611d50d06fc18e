/** The summary comment and the Code Insights report say how many findings comments suppressed. */
import type { PullRequestInfo } from '../../src/bitbucket/models';
import type { SuppressedFinding } from '../../src/engine/suppression';
import { reportFor } from '../../src/publish/report';
import { summaryCommentFor } from '../../src/publish/summary-comment';
import { PASSED, analysisWith, finding } from './fixtures';

const pr: PullRequestInfo = {
  id: 7,
  title: 't',
  state: 'OPEN',
  source: { branch: { name: 'feature/x' }, commit: { hash: 'abc' } },
  destination: { branch: { name: 'main' }, commit: { hash: 'def' } },
};

const suppressed = (n: number): SuppressedFinding[] =>
  Array.from({ length: n }, () => ({
    ...finding(),
    suppression: { form: 'next-line' as const, line: 9, reason: 'ok' },
  }));

describe('suppression counts', () => {
  it('the summary comment counts findings suppressed in code', () => {
    const text = summaryCommentFor({
      analysis: analysisWith({ suppressed: suppressed(3) }),
      verdict: PASSED,
      commit: 'a'.repeat(40),
    });
    expect(text).toContain('_3 findings suppressed in code (`lintel-disable` comments)._');
  });

  it('the summary comment says nothing about suppression when there was none', () => {
    const text = summaryCommentFor({ analysis: analysisWith(), verdict: PASSED, commit: 'a'.repeat(40) });
    expect(text).not.toContain('suppressed');
  });

  it('the Code Insights report details count them', () => {
    const report = reportFor({
      analysis: analysisWith({ suppressed: suppressed(1) }),
      verdict: PASSED,
      pullRequest: pr,
      durationMs: 5,
    });
    expect(report.details).toContain('1 finding suppressed in code.');
  });
});
