import { DEFAULT_SETTINGS } from '../../src/settings';
import { publishPlan, skipReasons } from '../../src/publish/publish-plan';
import {
  INLINE_COMMENTS_PER_PR,
  inlineCommentText,
  inlineCommentsFor,
} from '../../src/publish/inline-comments';
import { findingMarker, findingMarkersIn } from '../../src/publish/markers';
import { allChanged, finding } from './fixtures';

const none = { postedFingerprints: new Set<string>(), inlineCount: 0 };

describe('inlineCommentsFor', () => {
  it('comments only on new HIGH and CRITICAL findings on changed lines, most severe first', () => {
    const chosen = inlineCommentsFor(
      [
        finding({ severity: 'MEDIUM', fingerprint: 'medium0000000000' }),
        finding({ severity: 'HIGH', fingerprint: 'high000000000000', line: 5 }),
        finding({ severity: 'CRITICAL', fingerprint: 'critical00000000', line: 9 }),
        finding({ severity: 'CRITICAL', fingerprint: 'unchanged0000000', path: 'src/untouched.ts' }),
      ],
      allChanged(['src/app.ts']),
      none,
    );
    expect(chosen.map((c) => [c.finding.fingerprint, c.path, c.line])).toEqual([
      ['critical00000000', 'src/app.ts', 9],
      ['high000000000000', 'src/app.ts', 5],
    ]);
  });

  it('never repeats a fingerprint already commented and counts existing comments against the cap of 25', () => {
    const findings = Array.from({ length: 40 }, (_, i) =>
      finding({ line: i + 1, fingerprint: `fp${String(i).padStart(14, '0')}` }),
    );
    const first = inlineCommentsFor(findings, allChanged(['src/app.ts']), none);
    expect(first).toHaveLength(INLINE_COMMENTS_PER_PR);
    const posted = {
      postedFingerprints: new Set(first.slice(0, 10).map((c) => c.finding.fingerprint)),
      inlineCount: 10,
    };
    const second = inlineCommentsFor(findings, allChanged(['src/app.ts']), posted);
    expect(second).toHaveLength(INLINE_COMMENTS_PER_PR - 10);
    expect(second.some((c) => posted.postedFingerprints.has(c.finding.fingerprint))).toBe(false);
    expect(inlineCommentsFor(findings, allChanged(['src/app.ts']), { ...posted, inlineCount: 30 })).toEqual(
      [],
    );
  });

  it('puts findings on the same line in one comment, most severe first, counted once against the limit', () => {
    const chosen = inlineCommentsFor(
      [
        finding({ severity: 'HIGH', fingerprint: 'cyclomatic000000', line: 3 }),
        finding({ severity: 'CRITICAL', fingerprint: 'cognitive0000000', line: 3 }),
        finding({ severity: 'HIGH', fingerprint: 'elsewhere0000000', line: 7 }),
      ],
      allChanged(['src/app.ts']),
      none,
      1,
    );
    expect(chosen.map((c) => [c.finding.fingerprint, c.others.map((o) => o.fingerprint), c.line])).toEqual([
      ['cognitive0000000', ['cyclomatic000000'], 3],
    ]);
    const text = inlineCommentText(chosen[0]!.finding, { text: 'Why one.', source: 'rule' }, [
      { finding: chosen[0]!.others[0]!, explanation: { text: 'Why two.', source: 'rule' } },
    ]);
    expect(findingMarkersIn(text)).toEqual(['cognitive0000000', 'cyclomatic000000']);
    expect(text.indexOf('Why one\\.')).toBeLessThan(text.indexOf('Why two\\.'));
  });

  it("follows the settings' inline comment limit, and posts none at 0", () => {
    const findings = Array.from({ length: 12 }, (_, i) =>
      finding({ line: i + 1, fingerprint: `fq${String(i).padStart(14, '0')}` }),
    );
    expect(inlineCommentsFor(findings, allChanged(['src/app.ts']), none, 5)).toHaveLength(5);
    expect(publishPlan({ ...DEFAULT_SETTINGS, inlineCommentLimit: 0 })).toMatchObject({
      annotations: true,
      inlineComments: false,
    });
    expect(skipReasons(publishPlan({ ...DEFAULT_SETTINGS, inlineCommentLimit: 0 }))).toContainEqual({
      part: 'inline-comments',
      reason: 'the inline comment limit is 0',
    });
  });

  it('carries its own finding marker and escapes the message', () => {
    const f = finding({ fingerprint: '0123456789abcdef', message: 'see [here](https://evil.example)' });
    const text = inlineCommentText(f, { text: 'Why.\n\nHow to fix: split it.', source: 'rule' });
    expect(text.startsWith(`${findingMarker('0123456789abcdef')}\n\n`)).toBe(true);
    expect(findingMarkersIn(text)).toEqual(['0123456789abcdef']);
    expect(text).not.toContain('](');
    expect(text).toContain('How to fix: split it\\.');
  });
});
