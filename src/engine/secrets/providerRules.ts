/**
 * High-confidence, provider-specific token formats, written for JavaScript RegExp after the rules of
 * gitleaks `config/gitleaks.toml` (MIT) and each provider's published token format. Go's inline `(?i)`
 * has no JS equivalent before RegExp modifiers, so case-insensitive parts are spelled as character
 * classes and the `i` flag is used only where the whole pattern is case-insensitive.
 *
 * `keywords` (lower case) gate each rule: the regex runs only when one occurs in the file, which keeps
 * the scan near memchr speed on files without tokens (the gitleaks keyword prefilter).
 */

export interface PatternRule {
  id: string;
  label: string;
  keywords: readonly string[];
  /** Global regex; the named group `secret` is the value (whole match when absent). */
  pattern: RegExp;
  /** Minimum Shannon entropy of the value (bits/char), as gitleaks' `entropy`. */
  minEntropy?: number;
  /** True when the value is a known example or placeholder and must not be reported. */
  isAllowed?: (secret: string) => boolean;
  /** Report the whole match as the span (e.g. a PEM block), not only the secret group. */
  spanWholeMatch?: boolean;
  /** Fixed printable preview for formats whose prefix is not informative. */
  preview?: string;
}

/** CamelCase words with at most a short suffix ("JiraVersionRelatedWorkV2"): a type name, not a token. */
export function looksLikeIdentifier(value: string): boolean {
  return /^(?:[A-Z]?[a-z]{2,})+[A-Z]?\d{0,3}$/.test(value) || /^[a-z]+(?:_[a-z0-9]+)+$/.test(value);
}

/** AWS documentation keys (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY) and friends. */
const isDocumentedExample = (secret: string): boolean => /EXAMPLE/i.test(secret);

/** The sample token shown on jwt.io ({"sub":"1234567890","name":"John Doe",...}). */
const JWT_IO_SAMPLE_PAYLOAD = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';

export const PROVIDER_RULES: readonly PatternRule[] = [
  {
    id: 'private-key',
    label: 'private key',
    keywords: ['private key'],
    pattern:
      /-----BEGIN[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----(?<secret>[\s\S]{64,16384}?)-----END[ A-Z0-9_-]{0,100}PRIVATE KEY(?: BLOCK)?-----/g,
    // The body is bounded (an 8192-bit RSA key is about 6.5 KB of PEM) so a file full of BEGIN lines
    // without END cannot make the lazy scan quadratic. Placeholders like "-----BEGIN PRIVATE KEY-----\n...\n-----END" have no base64 run.
    isAllowed: (body) => !/[A-Za-z0-9+/]{40}/.test(body),
    spanWholeMatch: true,
    preview: '-----BEGIN … PRIVATE KEY-----',
  },
  {
    id: 'aws-access-key-id',
    label: 'AWS access key ID',
    keywords: ['akia', 'asia', 'abia', 'acca', 'a3t'],
    pattern: /\b(?<secret>(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b/g,
    isAllowed: isDocumentedExample,
  },
  {
    id: 'github-token',
    label: 'GitHub token',
    keywords: ['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_', 'github_pat_'],
    pattern: /\b(?<secret>gh[pousr]_[0-9a-zA-Z]{36}|github_pat_[0-9a-zA-Z_]{82})\b/g,
  },
  {
    id: 'gitlab-token',
    label: 'GitLab token',
    keywords: ['glpat-', 'glptt-', 'gr1348941', 'gldt-', 'glrt-'],
    pattern:
      /\b(?<secret>glpat-[\w-]{20,}|glptt-[0-9a-f]{40}|GR1348941[\w-]{20}|gldt-[\w-]{20}|glrt-[\w-]{20})\b/g,
  },
  {
    id: 'slack-token',
    label: 'Slack token',
    keywords: ['xox'],
    pattern: /\b(?<secret>xox[bpeaors]-(?:[0-9]{10,13}-){1,3}[a-zA-Z0-9-]{10,64})/g,
  },
  {
    id: 'slack-webhook',
    label: 'Slack webhook URL',
    keywords: ['hooks.slack.com'],
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/(?<secret>[A-Za-z0-9+/]{43,56})/g,
  },
  {
    id: 'stripe-key',
    label: 'Stripe secret key',
    keywords: ['sk_test_', 'sk_live_', 'sk_prod_', 'rk_test_', 'rk_live_', 'rk_prod_'],
    pattern: /\b(?<secret>[sr]k_(?:test|live|prod)_[a-zA-Z0-9]{10,99})\b/g,
  },
  {
    id: 'google-api-key',
    label: 'Google API key',
    keywords: ['aiza'],
    pattern: /\b(?<secret>AIza[\w-]{35})(?![\w-])/g,
    isAllowed: isDocumentedExample,
  },
  {
    id: 'google-oauth-client-secret',
    label: 'Google OAuth client secret',
    keywords: ['gocspx-'],
    pattern: /\b(?<secret>GOCSPX-[\w-]{28})(?![\w-])/g,
  },
  {
    // Cloud API tokens: "ATATT3" + 186 characters, the last nine being "=" and an 8-hex checksum.
    id: 'atlassian-api-token',
    label: 'Atlassian API token',
    keywords: ['atatt3'],
    pattern:
      /\b(?<secret>ATATT3(?:[A-Za-z0-9_-]{20,240}=[0-9A-Fa-f]{8}|[A-Za-z0-9_=-]{186}))(?![A-Za-z0-9_=-])/g,
  },
  {
    // Bitbucket Cloud app passwords (support.atlassian.com/bitbucket-cloud/docs/app-passwords/).
    id: 'bitbucket-app-password',
    label: 'Bitbucket app password',
    keywords: ['atbb'],
    pattern: /\b(?<secret>ATBB[a-zA-Z0-9]{32})\b/g,
    minEntropy: 3,
  },
  {
    // gitleaks `atlassian-api-token` (legacy 24-character tokens next to the product name).
    id: 'atlassian-api-token-assignment',
    label: 'Atlassian API token',
    keywords: ['atlassian', 'confluence', 'jira'],
    pattern:
      /(?:atlassian|confluence|jira)[\w.-]{0,20}["'`]?[ \t]{0,3}(?::=|=>|=|:|,)[ \t]{0,5}["'`]?(?<secret>[a-z0-9]{24})(?=["'`\s;]|\\[nr]|$)/gim,
    minEntropy: 3.5,
    // Identifiers such as "jira:portalRequestsSubpage" have the same shape; random tokens nearly always
    // contain a digit (about 98.5 % of 24 random alphanumerics), identifiers rarely do.
    isAllowed: (value) => !/\d/.test(value) || looksLikeIdentifier(value),
  },
  {
    id: 'jwt',
    label: 'JSON Web Token',
    keywords: ['eyj'],
    pattern: /\b(?<secret>eyJ[A-Za-z0-9_-]{15,}\.eyJ[A-Za-z0-9_-]{15,}\.[A-Za-z0-9_-]{10,})/g,
    isAllowed: (jwt) => jwt.includes(JWT_IO_SAMPLE_PAYLOAD),
  },
  {
    id: 'npm-token',
    label: 'npm access token',
    keywords: ['npm_'],
    pattern: /\b(?<secret>npm_[a-zA-Z0-9]{36})\b/g,
    minEntropy: 3,
  },
  {
    id: 'pypi-token',
    label: 'PyPI upload token',
    keywords: ['pypi-ageichlwas5vcmc'],
    pattern: /(?<secret>pypi-AgEIcHlwaS5vcmc[\w-]{50,1000})/g,
  },
  {
    id: 'sendgrid-key',
    label: 'SendGrid API key',
    keywords: ['sg.'],
    pattern: /\b(?<secret>SG\.[\w-]{22}\.[\w-]{43})(?![\w-])/g,
  },
  {
    id: 'openai-key',
    label: 'OpenAI API key',
    keywords: ['t3blbkfj'],
    pattern:
      /\b(?<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,74}T3BlbkFJ[A-Za-z0-9_-]{20,74})(?![\w-])/g,
  },
  {
    id: 'anthropic-key',
    label: 'Anthropic API key',
    keywords: ['sk-ant-'],
    pattern: /\b(?<secret>sk-ant-(?:api03|admin01)-[\w-]{93}AA)(?![\w-])/g,
  },
  {
    id: 'digitalocean-token',
    label: 'DigitalOcean token',
    keywords: ['_v1_'],
    pattern: /\b(?<secret>do[por]_v1_[a-f0-9]{64})\b/g,
  },
  {
    id: 'shopify-token',
    label: 'Shopify token',
    keywords: ['shpat_', 'shpca_', 'shppa_', 'shpss_'],
    pattern: /\b(?<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b/g,
  },
  {
    id: 'vault-token',
    label: 'HashiCorp Vault token',
    keywords: ['hvs.'],
    pattern: /\b(?<secret>hvs\.[\w-]{90,120})(?![\w-])/g,
  },
  {
    id: 'huggingface-token',
    label: 'Hugging Face token',
    keywords: ['hf_'],
    pattern: /\b(?<secret>hf_[a-zA-Z]{34})\b/g,
    minEntropy: 3.5,
  },
  {
    id: 'azure-storage-key',
    label: 'Azure storage account key',
    keywords: ['accountkey='],
    pattern: /AccountKey=(?<secret>[A-Za-z0-9+/]{86}==)/g,
  },
];
