import { scanSecrets, SecretScanInputError, type SecretHit } from '../../../src/engine/secrets';
import { falsePositives, pem, truePositives, type SecretCase } from '../../fixtures/secrets/labelledCases';

async function hitsOf(c: SecretCase): Promise<SecretHit[]> {
  return scanSecrets({ path: c.path, text: c.text });
}

/** 8-character windows, so a leaked fragment is caught as well as the whole value. */
function leaks(output: string, secret: string): boolean {
  if (secret.length < 8) return output.includes(secret);
  for (let i = 0; i + 8 <= secret.length; i++) if (output.includes(secret.slice(i, i + 8))) return true;
  return false;
}

describe('scanSecrets on labelled cases', () => {
  const positives = truePositives();
  const negatives = falsePositives();

  it.each(positives.map((c) => [c.name, c] as const))('finds %s', async (_name, c) => {
    const hits = await hitsOf(c);
    expect(hits.map((h) => h.ruleId)).toEqual([c.expectRule]);
    expect(hits[0]?.line).toBe(2);
  });

  it.each(negatives.map((c) => [c.name, c] as const))('does not report %s', async (_name, c) => {
    expect(await hitsOf(c)).toEqual([]);
  });

  it('has full recall and no false positives over the whole set', async () => {
    let found = 0;
    let falseAlarms = 0;
    for (const c of positives) if ((await hitsOf(c)).length > 0) found++;
    for (const c of negatives) if ((await hitsOf(c)).length > 0) falseAlarms++;
    expect({ recall: found / positives.length, falsePositiveRate: falseAlarms / negatives.length }).toEqual({
      recall: 1,
      falsePositiveRate: 0,
    });
  });

  it('never puts the secret, or an 8-character piece of it, in any field of any hit', async () => {
    for (const c of [...positives, ...negatives]) {
      const output = JSON.stringify(await hitsOf(c));
      expect({ name: c.name, leaked: leaks(output, c.secret) }).toEqual({ name: c.name, leaked: false });
    }
  });
});

describe('scanSecrets positions and shape', () => {
  const token = ['ghp_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('');

  it('reports 1-based line and column, also after CRLF line endings', async () => {
    const [hit] = await scanSecrets({ path: 'a.ts', text: `a\r\nb\r\n  x = '${token}'\r\n` });
    expect(hit).toMatchObject({ line: 3, column: 8, endLine: 3, ruleId: 'lintel/github-token' });
    expect(hit?.preview).toBe('ghp_…');
    expect(hit?.message).toContain('GitHub token');
  });

  it('spans a multi-line private key from BEGIN to END', async () => {
    const [key] = truePositives().filter((c) => c.name === 'rsa private key');
    const hits = await scanSecrets({ path: 'k.pem', text: `\n\n${pem('RSA', key?.secret ?? '')}\n` });
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      line: 3,
      column: 1,
      endLine: 10,
      preview: '-----BEGIN … PRIVATE KEY-----',
    });
  });

  it('reports two secrets on one line separately, in order', async () => {
    const other = ['glpat-', 'Zx8Kq2Lm9Np4Rt6Vw1Ys'].join('');
    const hits = await scanSecrets({ path: 'a.sh', text: `A=${other} B=${token}\n` });
    expect(hits.map((h) => [h.ruleId, h.column])).toEqual([
      ['lintel/gitlab-token', 3],
      ['lintel/github-token', 32],
    ]);
  });

  it('reports one hit when secretlint and our rules flag the same token', async () => {
    const hits = await scanSecrets({ path: 'a.ts', text: `const t = "${token}"; // token\n` });
    expect(hits).toHaveLength(1);
  });

  it('honours inline allow markers on the line of the secret only', async () => {
    const text = [
      `a = '${token}' // gitleaks:allow`,
      `b = '${token}' # lintel:allow-secret`,
      `c = '${token}' // secretlint-disable-line`,
      `d = '${token}'`,
    ].join('\n');
    const hits = await scanSecrets({ path: 'a.ts', text });
    expect(hits.map((h) => h.line)).toEqual([4]);
  });

  it('returns [] for an empty file and a typed error for bad input', async () => {
    expect(await scanSecrets({ path: 'a.ts', text: '' })).toEqual([]);
    await expect(scanSecrets({ path: 'a.ts' } as never)).rejects.toThrow(SecretScanInputError);
    await expect(scanSecrets(null as never)).rejects.toThrow(/expects a SourceFile/);
  });
});
