import { publicUrl } from '../../src/bitbucket/web-links';
import { escapeMarkdown, truncateOnWord } from '../../src/publish/text';

describe('truncateOnWord', () => {
  it('leaves short text alone and cuts long text on a space, ending with an ellipsis', () => {
    expect(truncateOnWord('short', 10)).toBe('short');
    expect(truncateOnWord('alpha beta gamma delta', 15)).toBe('alpha beta…');
  });

  it('cuts a single long word mid-word and never splits an emoji', () => {
    expect(truncateOnWord('x'.repeat(20), 10)).toBe(`${'x'.repeat(9)}…`);
    const cut = truncateOnWord(`${'a'.repeat(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(/[\uD800-\uDBFF]…$/.test(cut)).toBe(false);
  });
});

describe('escapeMarkdown', () => {
  it('makes links, images, emphasis, headings and line breaks inert', () => {
    const out = escapeMarkdown('[click](https://evil.example) ![i](x) **b** _i_\n# head `code`');
    expect(out).not.toMatch(/(^|[^\\])\[/);
    expect(out).not.toMatch(/(^|[^\\])[*_`#]/);
    expect(out).not.toContain('\n');
    expect(out).not.toContain('https://');
  });

  it('breaks bare URLs and @mentions with an invisible space', () => {
    expect(escapeMarkdown('see https://x.io and @dana')).toBe('see https:\u200B//x\\.io and @\u200Bdana');
    expect(escapeMarkdown('www.evil.com')).toContain('www\u200B\\.');
  });
});

describe('publicUrl', () => {
  it('accepts public http(s) URLs and rejects local or malformed ones', () => {
    expect(publicUrl('https://bitbucket.org/a/b')).toBe('https://bitbucket.org/a/b');
    for (const bad of [
      'http://localhost:3000/x',
      'http://127.0.0.1/x',
      'http://[::1]/x',
      'ftp://x.org',
      'not a url',
      undefined,
    ]) {
      expect(publicUrl(bad)).toBeUndefined();
    }
  });
});
