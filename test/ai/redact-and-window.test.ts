// What the model may see of the code: a bounded window around the finding, with every secret redacted — the
// scanner's own hits and anything else that looks like a credential — before a prompt is built.
import { codeWindow, codeWindowsFor, WINDOW_MAX_LINES } from '../../src/ai/code-window';
import { REDACTED, redactCode, redactLine } from '../../src/ai/redact-code';
import { leaksSecret } from '../../src/engine/secrets/redact';
import type { Finding } from '../../src/engine/types';

// Built from pieces so no credential-shaped literal sits in Lintel's own source.
const AWS_SECRET = ['wJ8rXu', 'Fq2LmN', 'zK5pTb', 'Vc7HyD', 'gE1sQo', 'Wa9Rt3', 'Mk4'].join('');
const GITHUB_TOKEN = ['ghp_', 'x7Rk2Q', 'mP9vLt', '3WsN8b', 'Yc4ZdJ', 'e6Hf1A', 'gU0o'].join('');
const SHORT_PASSWORD = ['hun', 'ter', '2024!'].join('');

const finding = (line: number, extra: Partial<Finding> = {}): Finding => ({
  ruleId: 'complex-method',
  type: 'CODE_SMELL',
  severity: 'HIGH',
  path: 'src/pay.ts',
  line,
  message: 'Function pay has a cyclomatic complexity of 14 (limit 10).',
  fingerprint: `fp${line}`,
  functionName: 'pay',
  ...extra,
});

describe('redaction before anything is sent', () => {
  it('redacts the lines the secret scanner flagged, keeping the name the value was assigned to', () => {
    const lines = [`  secretAccessKey: '${AWS_SECRET}',`, `const key = "${GITHUB_TOKEN}";`, 'return 1;'];
    const redacted = redactCode(lines, 10, [{ line: 10 }, { line: 11 }]);
    expect(redacted).toEqual([`  secretAccessKey: ${REDACTED}`, `const key = ${REDACTED}`, 'return 1;']);
  });

  it('redacts every line of a multi-line hit and an unflagged private key block', () => {
    const pem = [
      '-----BEGIN RSA PRIVATE KEY-----',
      'MIIEowIBAAKCAQEA7x9',
      'c2VjcmV0',
      '-----END RSA PRIVATE KEY-----',
    ];
    expect(redactCode(['const k = `', ...pem, '`;'], 1, [{ line: 1, endLine: 5 }]).slice(1, 5)).toEqual(
      Array(4).fill(REDACTED),
    );
    expect(redactCode(pem, 1, [])).toEqual(Array(4).fill(REDACTED));
  });

  it('redacts what the scanner was told to allow: high-entropy tokens and values of secret-named keys', () => {
    expect(redactLine(`const t = '${GITHUB_TOKEN}'; // gitleaks:allow`)).toBe(
      `const t = '${REDACTED}'; // gitleaks:allow`,
    );
    expect(redactLine(`db.password = "${SHORT_PASSWORD}";`)).toBe(`db.password = "${REDACTED}";`);
    expect(redactLine(`AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`)).not.toContain(AWS_SECRET.slice(0, 8));
  });

  it('leaves ordinary code alone', () => {
    const code = [
      "import { calculateMonthlyRevenueForCustomer } from './billing/revenue-report';",
      'const total = payments.filter((p) => p.status === "settled").length;',
      "const token = req.headers['authorization'];",
      'export const MAX_RETRY_ATTEMPTS_PER_REGION = 12;',
    ];
    expect(redactCode(code, 1, [])).toEqual(code);
  });
});

describe('code windows', () => {
  const file = Array.from({ length: 300 }, (_, i) => `line ${i + 1};`).join('\n');

  it('shows a bounded window around the finding', () => {
    const w = codeWindow(finding(100, { endLine: 104 }), file, []);
    expect(w.startLine).toBe(92);
    expect(w.lines[0]).toBe('line 92;');
    expect(w.lines.at(-1)).toBe('line 112;');
    // A long function is shown from a little before the finding, never whole.
    expect(codeWindow(finding(50, { endLine: 290 }), file, []).lines).toHaveLength(WINDOW_MAX_LINES);
    expect(codeWindow(finding(2), file, []).startLine).toBe(1);
    expect(codeWindow(finding(300), file, []).lines.at(-1)).toBe('line 300;');
  });

  it('names the redacted code by a hash that changes with the code', () => {
    const a = codeWindow(finding(100), file, []);
    expect(codeWindow(finding(100), file, []).hash).toBe(a.hash);
    expect(codeWindow(finding(100), file.replace('line 101;', 'line 101 changed;'), []).hash).not.toBe(
      a.hash,
    );
  });

  it('builds windows for new HIGH and CRITICAL findings only, never for a secret, with its lines redacted', () => {
    const text = ['export function pay() {', `  const apiKey = '${GITHUB_TOKEN}';`, '  return 1;', '}'].join(
      '\n',
    );
    const secret = finding(2, { ruleId: 'hard-coded-secret', severity: 'CRITICAL', fingerprint: 'secret' });
    const windows = codeWindowsFor(
      [finding(1), finding(3, { severity: 'MEDIUM', fingerprint: 'medium' }), secret],
      [{ path: 'src/pay.ts', text }],
      [secret],
    );
    expect([...windows.keys()]).toEqual(['fp1']);
    const shown = windows.get('fp1')!.lines.join('\n');
    expect(shown).toContain(`const apiKey = ${REDACTED}`);
    expect(leaksSecret(shown, GITHUB_TOKEN)).toBe(false);
  });
});
