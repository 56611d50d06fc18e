/**
 * For every rule of @secretlint/secretlint-rule-preset-recommend 13.0.7, the literal text without which
 * none of the rule's regexes can match. secretlint runs a rule on a file only when the file holds one of
 * them (`secretlint-prefilter.ts`), which skips most rules on most files.
 *
 * Derived by reading each rule's source (bundled in the preset's `module/index.js`; its source map names
 * the rule files). The regex each entry comes from is quoted so a secretlint upgrade can be re-checked:
 * compare the quotes with the new sources. A keyword only has to be *necessary*: listing too much is
 * merely slower, listing too little loses findings. `test/engine/secrets/secretlint-prefilter.test.ts`
 * fails when the preset's version changes or it gains or drops a rule; a rule without an entry always runs.
 */

/** The preset version the entries were checked against; the drift test fails when the installed one differs. */
export const SECRETLINT_PRESET_VERSION_CHECKED = '13.0.7';

export type SecretlintRuleGate =
  | {
      readonly kind: 'keywords';
      /** The rule can match only if the text contains one of these, case-sensitively (no `i` flag). */
      readonly anyOf: readonly string[];
      /**
       * Keywords of regexes with the `i` flag (and no `u`), tested with that same flag so case folding
       * is exactly the rule's.
       */
      readonly anyOfIgnoringCase?: readonly string[];
      /** The rule reads only files with these `source.ext` values and returns at once for others. */
      readonly onlyExtensions?: readonly string[];
      /** For these extensions the rule does not match text at all, so it always runs. */
      readonly alwaysForExtensions?: readonly string[];
      /**
       * For a keyword common in ordinary code ("://"): a leading part of the rule's own regex, same flags
       * but never `g`, tested once a keyword is found. Every match of the rule's regex starts with a
       * match of it, so it is as necessary as the keywords, and far cheaper than running secretlint.
       */
      readonly confirm?: RegExp;
    }
  /** A regex without a required literal: the rule runs on every file. (None in 13.0.7.) */
  | { readonly kind: 'always' }
  /** Finds nothing itself; it honours `secretlint-disable` comments, so it runs whenever another rule does. */
  | { readonly kind: 'with-other-rules' };

/** Keyed by rule id without the `@secretlint/secretlint-rule-` prefix. */
export const SECRETLINT_RULE_GATES: Readonly<Record<string, SecretlintRuleGate>> = {
  // Three regexes; the first only because we turn `enableIDScanRule` on (secretlintScanner.ts):
  //   /\b(A3T[A-Z0-9]|AKIA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|ASIA)[A-Z0-9]{16}\b/g
  //   `["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)…`
  //   `("|')?(AWS|aws|Aws)?_?(ACCOUNT|account|Account)_?(ID|id|Id)?("|')?\s*(:|=>|=)\s*…`
  aws: {
    kind: 'keywords',
    anyOf: [
      ...['A3T', 'AKIA', 'AGPA', 'AIDA', 'AROA', 'AIPA', 'ANPA', 'ANVA', 'ASIA'],
      ...['SECRET', 'secret', 'Secret'],
      ...['ACCOUNT', 'account', 'Account'],
    ],
  },
  // No regex: `.json` files are JSON.parse'd and need the keys "private_key_id" and "private_key". A JSON key can
  // be spelt with \uXXXX escapes, so a `.json` file with any `\u` runs the rule too. For `.p12` the rule reads
  // "/" + the repository path from the disk of the machine running Lintel, so a repository file named
  // `etc/x.p12` would make it open /etc/x.p12: never run there (a .p12 is binary and never analysed anyway).
  gcp: { kind: 'keywords', anyOf: ['private_key_id', '\\u'], onlyExtensions: ['.json'] },
  // /-----BEGIN[ ]?(?:(?:RSA|DSA|EC|OPENSSH|PGP) )?PRIVATE KEY(?: BLOCK)?-----\n?(…)\n?-----END…/gm
  privatekey: { kind: 'keywords', anyOf: ['-----BEGIN'] },
  // /https?:\/\/(.{1,256}):x-oauth-basic@github.com\//g (package.json only), /_authToken=([^$].*)/g
  // (.npmrc only), /(?<!\p{L})npm_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])/gu (every file).
  npm: { kind: 'keywords', anyOf: [':x-oauth-basic@github', '_authToken=', 'npm_'] },
  // /(?<protocol>(?:https?|ftp|ftps)):\/\/(?<user>[-a-zA-Z0-9_]{1,256}):(?<password>…)@…/g
  basicauth: {
    kind: 'keywords',
    anyOf: ['://'],
    confirm: /(?:https?|ftp|ftps):\/\/[-a-zA-Z0-9_]{1,256}:[-a-zA-Z0-9_]{1,256}@/,
  },
  // /\b(?:xoxb|xoxp|xapp|xoxa|xoxo|xoxr)-(?:\d-)?(?:[a-zA-Z0-9]{1,40}-)+[a-zA-Z0-9]{1,40}\b/g and
  // /https:\/\/hooks\.slack\.com\/services\/T[a-zA-Z0-9]{1,40}\/B…/gi
  slack: {
    kind: 'keywords',
    anyOf: ['xoxb-', 'xoxp-', 'xapp-', 'xoxa-', 'xoxo-', 'xoxr-'],
    anyOfIgnoringCase: ['hooks.slack.com/services/'],
  },
  // /(?<!\p{L})SG\.\w{1,128}\.\w{1,128}([-_]?)\w{1,128}(?!\w)/gu
  sendgrid: { kind: 'keywords', anyOf: ['SG.'] },
  // /(?<!\p{L})(shppa|shpca|shpat|shpss)_[a-zA-Z0-9]{32,64}(?![a-zA-Z0-9])/gu
  shopify: { kind: 'keywords', anyOf: ['shppa_', 'shpca_', 'shpat_', 'shpss_'] },
  // /(?<!\p{L})(?<prefix>sk_live|sk_test|rk_live|rk_test)_[a-zA-Z0-9]{24,99}(?![a-zA-Z0-9])/gu
  stripe: { kind: 'keywords', anyOf: ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_'] },
  // /(?<!\p{L})(?<type>ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}(?![A-Za-z0-9_])/gu,
  // /(?<!\p{L})(?<type>github_pat)_[A-Za-z0-9_]{82}(?![A-Za-z0-9_])/gu and
  // /(?<!\p{L})(?<type>ghs)_[0-9]{1,20}_[A-Za-z0-9_-]{1,1000}\.…/gu
  github: { kind: 'keywords', anyOf: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'] },
  // /(?<!\p{L})glpat-[A-Za-z0-9_-]{20,128}(?![A-Za-z0-9_-])/gu
  gitlab: { kind: 'keywords', anyOf: ['glpat-'] },
  // /(?<!\p{L})glc_[A-Za-z0-9+/]{32,400}={0,2}(?![A-Za-z0-9+/=])/gu and
  // /(?<!\p{L})glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}(?![A-Fa-f0-9])/gu
  grafana: { kind: 'keywords', anyOf: ['glc_', 'glsa_'] },
  // /sk-(?:proj|svcacct|admin)-(?:…)T3BlbkFJ(?:…)\b|sk-[a-zA-Z0-9]{20}T3BlbkFJ[a-zA-Z0-9]{20}/g: both
  // alternatives hold "T3BlbkFJ" (base64 of "OpenAI").
  openai: { kind: 'keywords', anyOf: ['T3BlbkFJ'] },
  // /(?<!\p{L})sk-ant-api0\d-[A-Za-z0-9_-]{90,128}AA(?![A-Za-z0-9_-])/gu
  anthropic: { kind: 'keywords', anyOf: ['sk-ant-api0'] },
  // /(?<!\p{L})gsk_[a-zA-Z0-9]{52}(?![a-zA-Z0-9])/gu
  groq: { kind: 'keywords', anyOf: ['gsk_'] },
  // /(?<!\p{L})hf_[a-zA-Z]{34}(?![a-zA-Z])/gu
  huggingface: { kind: 'keywords', anyOf: ['hf_'] },
  // /(?<!\p{L})lin_api_[a-zA-Z0-9_]{32,128}(?![a-zA-Z0-9_])/gu
  linear: { kind: 'keywords', anyOf: ['lin_api_'] },
  // /(?<!\p{L})ntn_[0-9]{11}[A-Za-z0-9]{35}(?![A-Za-z0-9])/gu
  notion: { kind: 'keywords', anyOf: ['ntn_'] },
  // /(?<!\p{L})ops_(ey[A-Za-z0-9+/=]{100,1280}fQ={0,2})(?![A-Za-z0-9+/=])/gu
  '1password': { kind: 'keywords', anyOf: ['ops_ey'] },
  // /mongodb(?:\+srv)?:\/\/(?:(?<username>…):(?<password>…)@)?…/gi,
  // /(?:jdbc:)?mysql(?:x)?:\/\/(?:…)?…/gi and /postgres(?:ql)?:\/\/(?:…)?…/gi
  'database-connection-string': {
    kind: 'keywords',
    anyOf: [],
    anyOfIgnoringCase: [
      'mongodb://',
      'mongodb+srv://',
      'mysql://',
      'mysqlx://',
      'postgres://',
      'postgresql://',
    ],
  },
  // /(?<!\p{L})hvs\.[A-Za-z0-9_-]{90,120}(?!…)/gu, /(?<!\p{L})hvb\.[A-Za-z0-9_-]{138,300}(?!…)/gu and
  // /(?<!\p{L})hvr\.[A-Za-z0-9_-]{90,120}(?!…)/gu
  'hashicorp-vault': { kind: 'keywords', anyOf: ['hvs.', 'hvb.', 'hvr.'] },
  // /(?<!\p{L})(?<prefix>vcp|vci|vca|vcr|vck)_[A-Za-z0-9]{20,60}(?![A-Za-z0-9])/gu
  vercel: { kind: 'keywords', anyOf: ['vcp_', 'vci_', 'vca_', 'vcr_', 'vck_'] },
  // /(?<!\p{L})dapi[A-Fa-f0-9]{32}(?:-[0-9])?(?![A-Fa-f0-9])/gu
  databricks: { kind: 'keywords', anyOf: ['dapi'] },
  // /(?<!\p{L})dckr_pat_[a-zA-Z0-9_-]{27}(?![a-zA-Z0-9_-])/gu
  docker: { kind: 'keywords', anyOf: ['dckr_pat_'] },
  // /(?<!\p{L})figd_[A-Za-z0-9_-]{40,200}(?![A-Za-z0-9_-])/gu
  figma: { kind: 'keywords', anyOf: ['figd_'] },
  // /(?<!\p{L})(?<prefix>cfk|cfut|cfat)_[A-Za-z0-9]{40}[0-9a-f]{8}(?![A-Za-z0-9])/gu
  cloudflare: { kind: 'keywords', anyOf: ['cfk_', 'cfut_', 'cfat_'] },
  // /(?<!\p{L})tskey-(?<type>[a-z]{2,20})-[0-9A-Za-z_]{8,40}-[0-9A-Za-z_]{16,60}(?![0-9A-Za-z_])/gu
  tailscale: { kind: 'keywords', anyOf: ['tskey-'] },
  // /(?<type>secretlint-(?:disable-next-line|disable-line|disable|enable))(?<options>.*)/g — it only
  // calls context.ignore() for the other rules' messages.
  'filter-comments': { kind: 'with-other-rules' },
};
