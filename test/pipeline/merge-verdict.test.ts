/** The merge check's answer in each state a pull request can be in (docs/merge-check.md). */
import { mergeVerdict, type CurrentHead } from '../../src/pipeline/merge-verdict';
import type { StoredRun } from '../../src/pipeline/types';

const HEAD = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const OLDER = '0f1e2d3c4b5a69788796a5b4c3d2e1f00112233a';
const at = (hash: string): CurrentHead => ({ ok: true, hash: hash.slice(0, 12) });
const passed: StoredRun = { state: 'done', headHash: HEAD, passed: true };
const queuedFor = (hash: string) => ({ sourceHash: hash.slice(0, 12), timestamp: '2026-11-22T10:00:00Z' });

describe('mergeVerdict', () => {
  it('fails closed when the current head cannot be read, even over a passing verdict', () => {
    const verdict = mergeVerdict({
      stored: passed,
      queued: undefined,
      head: { ok: false, reason: 'Bitbucket call failed: read pull request #3: HTTP 500' },
    });
    expect(verdict).toEqual({
      success: false,
      message: expect.stringContaining("could not read this pull request's latest commit"),
    });
    expect(verdict.message).toContain('HTTP 500');
    expect(verdict.message).toMatch(/Try the merge again/);
  });

  it('says a pull request that was never analysed was not analysed, and how to start one', () => {
    const verdict = mergeVerdict({ stored: undefined, queued: undefined, head: at(HEAD) });
    expect(verdict.success).toBe(false);
    expect(verdict.message).toMatch(/has not analysed this pull request/);
    expect(verdict.message).toMatch(/push a commit to its source branch, or edit the pull request/);
    expect(verdict.message).not.toMatch(/in progress|analysing/);
  });

  it('says the latest commit is queued when the trigger queued it and nothing is stored for it yet', () => {
    for (const stored of [undefined, { ...passed, headHash: OLDER }]) {
      const verdict = mergeVerdict({ stored, queued: queuedFor(HEAD), head: at(HEAD) });
      expect(verdict).toEqual({
        success: false,
        message: `Lintel has queued the analysis of the latest commit (${HEAD.slice(0, 12)}); merge again once the "Lintel quality gate" build status has finished.`,
      });
    }
  });

  it('says the latest commit is being analysed, with the retry the consumer recorded', () => {
    const plain = mergeVerdict({
      stored: { state: 'pending', headHash: HEAD },
      queued: queuedFor(HEAD),
      head: at(HEAD),
    });
    expect(plain.success).toBe(false);
    expect(plain.message).toMatch(/is analysing the latest commit \(a1b2c3d4e5f6\)/);
    const retrying = mergeVerdict({
      stored: {
        state: 'pending',
        headHash: HEAD,
        summary: 'Attempt 2 of 5 failed (HTTP 429); Lintel tries again in about 2 minutes.',
      },
      queued: queuedFor(HEAD),
      head: at(HEAD),
    });
    expect(retrying.message).toContain(
      'Attempt 2 of 5 failed (HTTP 429); Lintel tries again in about 2 minutes.',
    );
  });

  it('never accepts a verdict stored for an older head', () => {
    const verdict = mergeVerdict({
      stored: { ...passed, headHash: OLDER },
      queued: queuedFor(OLDER),
      head: at(HEAD),
    });
    expect(verdict.success).toBe(false);
    expect(verdict.message).toMatch(/has not started on the latest commit \(a1b2c3d4e5f6\)/);
    expect(verdict.message).toMatch(/last verdict is for an older commit \(0f1e2d3c4b5a\)/);
    expect(verdict.message).toMatch(/push a commit to its source branch/);
  });

  it('passes or fails on the verdict for the current head, naming the failing conditions', () => {
    expect(mergeVerdict({ stored: passed, queued: queuedFor(HEAD), head: at(HEAD) })).toEqual({
      success: true,
      message: 'Lintel quality gate passed.',
    });
    const failed: StoredRun = {
      state: 'done',
      headHash: HEAD,
      passed: false,
      reasons: ['2 new HIGH or worse issues (limit 0)'],
    };
    expect(mergeVerdict({ stored: failed, queued: undefined, head: at(HEAD) })).toEqual({
      success: false,
      message: 'Lintel quality gate failed: 2 new HIGH or worse issues (limit 0).',
    });
  });

  it('repeats why an analysis of the current head failed, and how to try again', () => {
    const verdict = mergeVerdict({
      stored: {
        state: 'error',
        headHash: HEAD,
        summary: 'Lintel could not analyse this pull request: Bitbucket call failed: read diffstat: HTTP 403',
      },
      queued: queuedFor(HEAD),
      head: at(HEAD),
    });
    expect(verdict).toEqual({
      success: false,
      message:
        'Lintel could not analyse this pull request: Bitbucket call failed: read diffstat: HTTP 403. To try again, ' +
        'push a commit to its source branch, or edit the pull request (for example its description).',
    });
  });
});
