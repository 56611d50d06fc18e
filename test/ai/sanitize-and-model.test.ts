// What a model wrote is published only without mentions, HTML and foreign links; the model answering is chosen from
// what Forge lists, never a hard-coded id.
import { chooseModel } from '../../src/ai/model-choice';
import { foreignContentIn, sanitizeAiText } from '../../src/ai/sanitize-ai-text';
import { fencedCode } from '../../src/publish/inline-comments';

describe('sanitizeAiText', () => {
  it('removes mentions, HTML, links and invisible characters, and says what it removed', () => {
    const result = sanitizeAiText(
      'Ping @alice and @{123-abc}. <script>x()</script> See [docs](https://evil.example/a), www.evil.example or mail a@b.co.\u202E',
    );
    expect(result.text).toBe('Ping alice and {123-abc}. x() See docs, or mail .');
    expect(result.removed.sort()).toEqual(['html', 'invisible', 'link', 'mention']);
  });

  it("keeps links to the rules' documentation, generic types and ordinary text", () => {
    const docs = 'https://lintel.example/docs/rules.md';
    const text = `Use Map<string, number> instead; see ${docs}#deep-nesting. a < b && c > d.`;
    expect(sanitizeAiText(text, { allowedLinkPrefixes: [docs] })).toEqual({ text, removed: [] });
  });

  it('cuts long text on a word', () => {
    const { text } = sanitizeAiText('word '.repeat(500), { maxChars: 100 });
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text.endsWith('…')).toBe(true);
  });

  it('finds links, mentions and HTML a replacement brings that the code did not have', () => {
    const original = "@Injectable()\nconst home = 'https://acme.example';";
    expect(foreignContentIn("@Injectable()\nconst url = 'https://acme.example';", original)).toEqual([]);
    expect(foreignContentIn("send('https://evil.example', data);", original)).toEqual(['link']);
    expect(foreignContentIn('// thanks @mallory', original)).toEqual(['mention']);
    expect(foreignContentIn('el.innerHTML = "<img src=x onerror=y>";', original)).toEqual(['html']);
  });
});

describe('fencedCode', () => {
  it('uses a fence the code cannot close, with the language of the file', () => {
    expect(fencedCode('const a = 1;', 'src/a.ts')).toBe('```typescript\nconst a = 1;\n```');
    const tricky = 'const s = `a`;\n```\n@everyone';
    const block = fencedCode(tricky, 'x.py');
    expect(block.startsWith('````python\n')).toBe(true);
    expect(block.endsWith('\n````')).toBe(true);
  });
});

describe('chooseModel', () => {
  it('prefers the fastest active family, newest version first', () => {
    expect(
      chooseModel([
        { model: 'claude-sonnet-4-5-20250929', status: 'active' },
        { model: 'claude-haiku-4-5-20251001', status: 'active' },
        { model: 'claude-haiku-5', status: 'deprecated' },
        { model: 'claude-haiku-4-6', status: 'active' },
      ]),
    ).toBe('claude-haiku-4-6');
  });

  it('falls back to the next family, then to any active model, and never to a deprecated one', () => {
    expect(
      chooseModel([
        { model: 'claude-haiku-4-5-20251001', status: 'deprecated' },
        { model: 'claude-opus-4-6', status: 'active' },
        { model: 'claude-opus-4-7', status: 'active' },
      ]),
    ).toBe('claude-opus-4-7');
    expect(chooseModel([{ model: 'claude-next-1', status: 'active' }])).toBe('claude-next-1');
    expect(chooseModel([{ model: 'claude-haiku-4-5-20251001', status: 'deprecated' }])).toBeUndefined();
    expect(chooseModel([])).toBeUndefined();
  });
});
