import fc from 'fast-check';
import { genericRulesFor } from '../../../src/engine/secrets/genericRules';
import { keywordFinder } from '../../../src/engine/secrets/keyword-finder';
import { PROVIDER_RULES } from '../../../src/engine/secrets/providerRules';

describe('keywordFinder', () => {
  it('finds every keyword the text holds, overlapping and nested ones too', () => {
    const find = keywordFinder(['pass', 'password', 'sword', '://', 'mysql://', 'a.b', 'key']);
    expect([...find('x = mysql://u:password@h; a_b')].sort()).toEqual([
      '://',
      'mysql://',
      'pass',
      'password',
      'sword',
    ]);
    expect([...find('a.b')]).toEqual(['a.b']);
    expect(find('nothing here').size).toBe(0);
  });

  it('agrees with testing each keyword on its own', () => {
    const unit = fc.constantFrom(...'abkey:/._-\n'.split(''));
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit, minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.string({ unit, maxLength: 60 }),
        (keywords, text) => {
          const expected = new Set(keywords.filter((k) => text.includes(k)));
          expect(keywordFinder(keywords)(text)).toEqual(expected);
        },
      ),
    );
  });

  it("is given the pattern rules' keywords in lower case, as it searches the lower-cased text", () => {
    const rules = [...PROVIDER_RULES, ...genericRulesFor('a.ts'), ...genericRulesFor('.env')];
    const keywords = rules.flatMap((rule) => rule.keywords);
    expect(keywords.length).toBeGreaterThan(40);
    expect(keywords.filter((k) => k.length === 0 || k !== k.toLowerCase())).toEqual([]);
  });
});
