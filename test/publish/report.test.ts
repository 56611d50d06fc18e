import { REPORT_DATA_MAX } from '../../src/bitbucket/limits';
import type { PullRequestInfo } from '../../src/bitbucket/models';
import { REPORT_ID, reportFor } from '../../src/publish/report';
import { FAILED, PASSED, analysisWith, finding } from './fixtures';

const pr = (href?: string): PullRequestInfo => ({
  id: 7,
  title: 't',
  state: 'OPEN',
  source: { branch: { name: 'feature/x' }, commit: { hash: 'abc' } },
  destination: { branch: { name: 'main' }, commit: { hash: 'def' } },
  ...(href ? { links: { html: { href } } } : {}),
});

describe('reportFor', () => {
  const analysis = analysisWith({
    newFindings: [
      finding({ severity: 'CRITICAL' }),
      finding({ severity: 'HIGH' }),
      finding({ severity: 'LOW' }),
    ],
    fixedFindings: [finding()],
    secrets: 1,
    skipped: [{ path: 'big.min.js', reason: 'too large' }],
  });

  it('has a stable id and at most 10 data items, with the duration in milliseconds', () => {
    const report = reportFor({
      analysis,
      verdict: FAILED,
      pullRequest: pr('https://bitbucket.org/a/b/pull-requests/7'),
      durationMs: 14_000.4,
    });
    expect(REPORT_ID).toBe('lintel-analysis');
    expect(report.data.length).toBeLessThanOrEqual(REPORT_DATA_MAX);
    expect(report).toMatchObject({
      report_type: 'BUG',
      reporter: 'Lintel',
      result: 'FAILED',
      link: 'https://bitbucket.org/a/b/pull-requests/7',
    });
    const item = (title: string) => report.data.find((d) => d.title === title);
    expect(item('Analysis time')).toEqual({ title: 'Analysis time', type: 'DURATION', value: 14_000 });
    expect(item('Code health')?.value).toBe('8.0 → 7.5 (-0.6)');
    expect(item('New issues by severity')?.value).toBe('1 critical, 1 high, 0 medium, 1 low');
    expect(item('Secrets found')?.value).toBe(1);
    expect(item('Skipped')?.value).toBe('1 file: big.min.js');
    expect(report.details).toContain(
      '2 new HIGH or worse issues (limit 0); 1 new hard-coded secret (limit 0)',
    );
  });

  it('passes with the verdict and omits a link that is missing or local', () => {
    expect(reportFor({ analysis, verdict: PASSED, pullRequest: pr(), durationMs: 1 })).not.toHaveProperty(
      'link',
    );
    const local = reportFor({
      analysis,
      verdict: PASSED,
      pullRequest: pr('http://localhost:8080/pr/7'),
      durationMs: 1,
    });
    expect(local.result).toBe('PASSED');
    expect(local).not.toHaveProperty('link');
    expect(
      reportFor({ analysis, verdict: PASSED, pullRequest: pr('http://127.0.0.1/x'), durationMs: 1 }),
    ).not.toHaveProperty('link');
  });
});
