import type { Rule } from './rule-types';

/**
 * Hard-coded secret, from the secret scanner's hits. The message is built only from the scanner's rule id
 * and the position, never from the hit's text, so a secret value cannot leak into reports, comments or logs
 * even if a scanner message quoted it.
 */
export const hardCodedSecret: Rule = {
  meta: {
    id: 'hard-coded-secret',
    type: 'VULNERABILITY',
    defaultSeverity: 'CRITICAL',
    scope: 'line',
    title: 'Hard-coded Secret',
    why:
      'A credential committed to a repository is readable by everyone with access to it, now and in its ' +
      'history, including forks, clones, CI logs and backups. Attackers scan repositories for them.',
    fix:
      'Revoke and rotate the credential first (removing it from the code does not remove it from history), ' +
      'then load it at run time from a secret store or an environment variable.',
    source:
      'secretlint recommended preset, provider patterns (AWS, GitHub, Bitbucket, Slack, …) and gitleaks-style ' +
      'generic password and token assignments (src/engine/secrets/genericRules.ts). Not reported as generic: ' +
      'placeholders (example, changeme, <your-…>, ${…}, masked values), repeated characters, and in code a ' +
      'password that is one plain word, as test fixtures use (confirmPassword: "different"); configuration ' +
      'files still report it.',
    thresholds: {},
  },
  check(ctx) {
    return ctx.secrets.map((hit) => ({
      severity: 'CRITICAL' as const,
      line: hit.line,
      endLine: hit.endLine > hit.line ? hit.endLine : undefined,
      // The preview is redacted by the scanner; it only tells two secrets on similar lines apart.
      identity: `${hit.ruleId}|${hit.preview}`,
      message:
        `Possible hard-coded secret (${hit.ruleId}) at line ${hit.line}, column ${hit.column}. ` +
        'Rotate it and load it from a secret store.',
    }));
  },
};
