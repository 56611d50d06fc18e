import { looksLikeIdentifier, type PatternRule } from './providerRules';

/**
 * Generic `password = "…"` / `api_key: …` assignments, after gitleaks' `generic-api-key` idea (keyword,
 * assignment operator, value, entropy floor, stop-word allowlist) but narrower: in source code the value
 * must be a string literal, because `password = form.password.value` is code, not a secret. Config
 * files (.env, YAML, properties, …) also get unquoted values.
 */

/** Extensions and names whose `key: value` lines are configuration rather than code. */
const CONFIG_FILE =
  /(?:^|\/)(?:\.env(?:\.[\w.-]+)?|[^/]*\.(?:env|ya?ml|properties|ini|toml|conf|cfg|cnf|config))$/i;

export function isConfigFile(path: string): boolean {
  return CONFIG_FILE.test(path);
}

/** Stop words of placeholder values: documentation, templates, test fixtures, masked values. */
const PLACEHOLDER_WORDS =
  /example|passw(?:or)?d|notasecret|sample|placeholder|changeme|change_me|change-me|your[_-]|dummy|redacted|fake|todo|replace|insert|mock|xxxx|\*\*\*|\.\.\.|<[^>]*>|\$\{|\{\{|%\(|%s|^\$[A-Z_]/i;

/** A value that only repeats one character class pattern (e.g. "aaaaaaaa", "12345678"). */
const TRIVIAL_VALUE = /^(.)\1+$|^(?:0?123456789?0?|abcdefgh?i?j?)$/i;

function isPlaceholder(value: string): boolean {
  return PLACEHOLDER_WORDS.test(value) || TRIVIAL_VALUE.test(value);
}

const ASSIGN = String.raw`[\w.-]{0,20}["'\x60]?[ \t]{0,5}(?::=|=>|=|:)[ \t]{0,5}`;
const QUOTED = (chars: string): string => String.raw`(?<q>["'\x60])(?<secret>${chars})\k<q>`;
const UNQUOTED = (chars: string): string => String.raw`(?<secret>${chars})(?=[ \t]*(?:#|;|$))`;

const PASSWORD_KEY = String.raw`(?:passw(?:or)?d|pwd|passphrase)`;
const API_KEY_KEY = String.raw`(?:api[_.-]?key|apikey|secret|token|access[_.-]?key|auth[_.-]?key|credential)s?`;

const PASSWORD_CHARS = String.raw`[^"'\x60\s\\]{8,200}`;
const TOKEN_CHARS = String.raw`[\w+/=.~-]{16,200}`;

/** Password values: people pick low-entropy passwords, so the floor is lower than for tokens. */
const PASSWORD_MIN_ENTROPY = 2.5;
/** gitleaks `generic-api-key` uses 3.5 bits/char. */
const TOKEN_MIN_ENTROPY = 3.5;

/**
 * One word in one case (`"different"`, `"Incorrect"`): in code, the value of a test's `confirmPassword` field or a
 * form label, not a credential. Configuration files still report it: `DB_PASSWORD=letmein` is somebody's password.
 */
const PLAIN_WORD = /^(?:[a-z]+|[A-Z][a-z]+|[A-Z]+)$/;

function passwordRule(pattern: string, allowWords: boolean): PatternRule {
  return {
    id: 'generic-password',
    label: 'hard-coded password',
    keywords: ['pass', 'pwd'],
    pattern: new RegExp(PASSWORD_KEY + ASSIGN + pattern, 'gim'),
    minEntropy: PASSWORD_MIN_ENTROPY,
    isAllowed: allowWords ? (value) => isPlaceholder(value) || PLAIN_WORD.test(value) : isPlaceholder,
  };
}

function tokenRule(pattern: string): PatternRule {
  return {
    id: 'generic-api-key',
    label: 'hard-coded API key or token',
    keywords: ['key', 'secret', 'token', 'credential'],
    pattern: new RegExp(API_KEY_KEY + ASSIGN + pattern, 'gim'),
    minEntropy: TOKEN_MIN_ENTROPY,
    // Real tokens mix letters and digits; identifiers and sentences rarely do both.
    isAllowed: (value) =>
      isPlaceholder(value) || !/\d/.test(value) || !/[a-z]/i.test(value) || looksLikeIdentifier(value),
  };
}

const CODE_RULES: readonly PatternRule[] = [
  passwordRule(QUOTED(PASSWORD_CHARS), true),
  tokenRule(QUOTED(TOKEN_CHARS)),
];
const CONFIG_RULES: readonly PatternRule[] = [
  passwordRule(QUOTED(PASSWORD_CHARS), false),
  tokenRule(QUOTED(TOKEN_CHARS)),
  passwordRule(UNQUOTED(PASSWORD_CHARS), false),
  tokenRule(UNQUOTED(TOKEN_CHARS)),
];

export function genericRulesFor(path: string): readonly PatternRule[] {
  return isConfigFile(path) ? CONFIG_RULES : CODE_RULES;
}
