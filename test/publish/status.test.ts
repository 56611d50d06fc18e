import { STATUS_KEY_MAX } from '../../src/bitbucket/limits';
import type { PullRequestInfo } from '../../src/bitbucket/models';
import type { GateVerdict } from '../../src/gate/types';
import { STATUS_DESCRIPTION_MAX, STATUS_KEY, statusFor, verdictStatus } from '../../src/publish/status';
import { FAILED, PASSED, analysisWith } from './fixtures';

const pr: PullRequestInfo = {
  id: 3,
  title: 't',
  state: 'OPEN',
  source: { branch: { name: 'feature/retries' }, commit: { hash: 'abc' } },
  destination: { branch: { name: 'main' }, commit: { hash: 'def' } },
  links: { html: { href: 'https://bitbucket.org/acme/widgets/pull-requests/3' } },
};

describe('build status', () => {
  it('uses one stable key within the limit, the source branch and the PR page', () => {
    const status = verdictStatus(pr, PASSED, analysisWith());
    expect(STATUS_KEY).toBe('lintel-quality-gate');
    expect(status.key.length).toBeLessThanOrEqual(STATUS_KEY_MAX);
    expect(status).toMatchObject({
      key: STATUS_KEY,
      state: 'SUCCESSFUL',
      refname: 'feature/retries',
      url: 'https://bitbucket.org/acme/widgets/pull-requests/3',
    });
    expect(status.description).toBe('Quality gate passed: 0 new issues, health 8.0 → 7.5 (-0.6).');
  });

  it('names the failing conditions and stays within 255 characters', () => {
    expect(verdictStatus(pr, FAILED, analysisWith()).description).toBe(
      'Quality gate failed: 2 new HIGH or worse issues (limit 0); 1 new hard-coded secret (limit 0).',
    );
    const many: GateVerdict = {
      passed: false,
      conditions: Array.from({ length: 20 }, () => ({
        id: 'newIssues' as const,
        passed: false,
        actual: 9,
        limit: 0,
        message: 'a long condition message that repeats',
      })),
    };
    const status = verdictStatus(pr, many, analysisWith());
    expect(status.state).toBe('FAILED');
    expect(status.description.length).toBeLessThanOrEqual(STATUS_DESCRIPTION_MAX);
    expect(status.description.endsWith('…')).toBe(true);
  });

  it('falls back to a placeholder URL Bitbucket accepts when the PR has no public link', () => {
    const local = { ...pr, links: { html: { href: 'http://localhost:1234/pr' } } };
    expect(statusFor(local, 'STOPPED', 'x').url).toBe(
      'https://bitbucket.org/{repository.full_name}/pull-requests/3',
    );
  });
});
