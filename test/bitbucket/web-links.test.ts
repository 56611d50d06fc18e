// Links to a line of a pull request's diff, in Bitbucket's anchor form (#L<path>T<line> on the head side, F on the
// base side), and the summary comment linking each listed issue to its line.
import { diffLineUrl, pullRequestDiffUrl } from '../../src/bitbucket/web-links';
import { summaryCommentFor } from '../../src/publish/summary-comment';
import { FAILED, analysisWith, finding } from '../publish/fixtures';

const PR = 'https://bitbucket.org/acme/payments/pull-requests/42';

test('a head-side line, a base-side line and a file-level finding', () => {
  expect(diffLineUrl(PR, 'src/app.ts', 12)).toBe(`${PR}/diff#Lsrc/app.tsT12`);
  expect(diffLineUrl(PR, 'src/app.ts', 12, 'old')).toBe(`${PR}/diff#Lsrc/app.tsF12`);
  expect(diffLineUrl(PR, 'README.md', 0)).toBe(`${PR}/diff#chg-README.md`);
  expect(diffLineUrl(`${PR}/`, 'a.ts', 1)).toBe(`${PR}/diff#La.tsT1`);
});

test('characters that could end the URL or a markdown link are escaped; unusable pages give no link', () => {
  expect(diffLineUrl(PR, 'docs/a (b) [c].md', 3)).toBe(`${PR}/diff#Ldocs/a%20%28b%29%20%5Bc%5D.mdT3`);
  expect(diffLineUrl(undefined, 'a.ts', 1)).toBeUndefined();
  expect(diffLineUrl('http://localhost:4100/pr/1', 'a.ts', 1)).toBeUndefined();
  expect(diffLineUrl('javascript:alert(1)', 'a.ts', 1)).toBeUndefined();
  expect(pullRequestDiffUrl(`${PR}?tab=x#top`)).toBe(`${PR}/diff`);
});

test('the summary links new issues to their head lines and fixed ones to their base lines', () => {
  const text = summaryCommentFor({
    analysis: analysisWith({
      newFindings: [finding({ path: 'src/app.ts', line: 4, severity: 'CRITICAL' })],
      fixedFindings: [finding({ path: 'src/old.ts', line: 9 })],
    }),
    verdict: FAILED,
    commit: 'a'.repeat(40),
    pullRequestUrl: PR,
  });
  expect(text).toContain(`**CRITICAL** [src/app\\.ts:4](${PR}/diff#Lsrc/app.tsT4):`);
  expect(text).toContain(`[src/old\\.ts:9](${PR}/diff#Lsrc/old.tsF9)`);
});

test('the summary counts findings dismissed on the pull request', () => {
  const input = { analysis: analysisWith(), verdict: FAILED, commit: 'a'.repeat(40) };
  expect(summaryCommentFor({ ...input, dismissed: 2 })).toContain(
    '_2 findings dismissed on this pull request (reasons in the Lintel panel)._',
  );
  expect(summaryCommentFor(input)).not.toContain('dismissed');
});
