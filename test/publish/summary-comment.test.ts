import { COMMENT_MAX_CHARS } from '../../src/bitbucket/limits';
import { appCommentsIn } from '../../src/publish/app-comments';
import { SUMMARY_MARKER, findingMarker } from '../../src/publish/markers';
import { summaryCommentFor } from '../../src/publish/summary-comment';
import { FAILED, PASSED, analysisWith, finding } from './fixtures';

const COMMIT = 'a'.repeat(40);

describe('summaryCommentFor', () => {
  it('opens with the hidden marker and states the verdict, failing conditions, health and counts', () => {
    const text = summaryCommentFor({
      analysis: analysisWith({
        newFindings: [finding({ severity: 'CRITICAL', line: 4 })],
        fixedFindings: [finding()],
      }),
      verdict: FAILED,
      commit: COMMIT,
    });
    expect(text.split('\n')[0]).toBe(SUMMARY_MARKER);
    expect(text.split('\n')[1]).toBe('');
    expect(text).toContain('quality gate: failed (2 conditions)');
    expect(text).toContain('2 new HIGH or worse issues \\(limit 0\\)');
    expect(text).not.toContain('complexity added 12 (limit 20)'); // passing conditions are not listed
    expect(text).toContain('8.0 → 7.5 (-0.6)');
    expect(text).toContain('**New issues (1)**');
    expect(text).toContain('**CRITICAL** src/app\\.ts:4:');
    expect(text).toContain('**Fixed issues (1)**');
    expect(text).toContain(`Commit ${COMMIT.slice(0, 12)}`);
  });

  it('is identical for identical input, so a re-run costs no edit', () => {
    const input = {
      analysis: analysisWith({ newFindings: [finding({ fingerprint: 'f'.repeat(16), message: 'm' })] }),
      verdict: PASSED,
      commit: COMMIT,
    };
    expect(summaryCommentFor(input)).toBe(summaryCommentFor(input));
  });

  it('never exceeds the comment limit: lists shrink and say "and N more"', () => {
    const huge = Array.from({ length: 400 }, (_, i) =>
      finding({ path: `src/${'deep/'.repeat(40)}f${i}.ts`, message: 'x '.repeat(400) }),
    );
    const text = summaryCommentFor({
      analysis: analysisWith({ newFindings: huge, fixedFindings: huge }),
      verdict: FAILED,
      commit: COMMIT,
    });
    expect(text.length).toBeLessThanOrEqual(COMMENT_MAX_CHARS);
    expect(text).toMatch(/- and \d+ more/);
    expect(text).toContain('**New issues (400)**');
  });

  it('escapes file names and messages so they cannot inject links or markup', () => {
    const evil = finding({
      path: 'src/[x](https://evil.example).ts',
      message: '**bold** [link](https://evil.example) @dana\n# heading',
    });
    const text = summaryCommentFor({
      analysis: analysisWith({ newFindings: [evil] }),
      verdict: FAILED,
      commit: COMMIT,
    });
    const line = text.split('\n').find((l) => l.includes('evil'))!;
    expect(line).not.toMatch(/[^\\]\[(link|x)\]/);
    expect(line).not.toContain('](');
    expect(line).not.toContain('https://');
    expect(text).not.toMatch(/^# heading/m);
  });
});

describe('appCommentsIn', () => {
  const summary = { id: 1, content: { raw: `${SUMMARY_MARKER}\n\nhello` }, user: { uuid: '{app}' } };
  const inline = {
    id: 2,
    content: { raw: `${findingMarker('abc')}\n\n**HIGH**` },
    user: { uuid: '{app}' },
    inline: { path: 'a.ts', to: 3 },
  };
  const spoof = {
    id: 3,
    content: { raw: `${SUMMARY_MARKER}\n${findingMarker('zzz')}` },
    user: { uuid: '{human}' },
  };
  const deleted = { id: 4, deleted: true, content: { raw: findingMarker('del') }, user: { uuid: '{app}' } };

  it('keeps only the app user comments when its uuid is known', () => {
    const found = appCommentsIn([spoof, summary, inline, deleted], '{app}');
    expect(found.summary?.id).toBe(1);
    expect([...found.postedFingerprints]).toEqual(['abc']);
    expect(found.inlineCount).toBe(1);
  });

  it('falls back to the marker alone (first found) when the uuid is not known yet', () => {
    const found = appCommentsIn([spoof, summary], undefined);
    expect(found.summary?.id).toBe(3);
    expect(found.postedFingerprints.has('zzz')).toBe(true);
  });

  it('does not take a quoted marker inside a line for a real one', () => {
    const quoted = { id: 5, content: { raw: `see ${SUMMARY_MARKER} above` }, user: { uuid: '{app}' } };
    expect(appCommentsIn([quoted], '{app}').summary).toBeUndefined();
  });
});
