import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import fc from 'fast-check';
import {
  SECRETLINT_PRESET_VERSION_CHECKED,
  SECRETLINT_RULE_GATES,
} from '../../../src/engine/secrets/secretlint-keywords';
import { secretlintRulesToRun } from '../../../src/engine/secrets/secretlint-prefilter';
import {
  scanWithSecretlint,
  scanWithWholeSecretlintPreset,
} from '../../../src/engine/secrets/secretlintScanner';
import { fake, falsePositives, pem, truePositives } from '../../fixtures/secrets/labelledCases';

/**
 * The keyword prefilter must never change what secretlint reports: every scan below runs twice, once with
 * only the rules the prefilter picks and once with the whole preset on the file, and both must be equal
 * (rule, span, label). Nothing is mocked: both are the real secretlint.
 */

const PRESET = '@secretlint/secretlint-rule-preset-recommend';
const RULE_ID_PREFIX = '@secretlint/secretlint-rule-';
const NODE_MODULES = resolve(__dirname, '../../../node_modules');

async function bothScans(path: string, text: string) {
  return {
    prefiltered: await scanWithSecretlint(path, text, 1),
    whole: await scanWithWholeSecretlintPreset(path, text, 1),
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${ALNUM}+/`;
const join2 = (...parts: string[]): string => parts.join('');

/** A PEM body the private-key rule accepts: base64 of a DER SEQUENCE ("MI…"), over 100 characters. */
function pemKeyBody(): string {
  return join2('MII', fake(B64, 61), '\n', fake(B64, 64), '\n', fake(B64, 64));
}

function serviceAccountJson(): string {
  return JSON.stringify({
    type: 'service_account',
    private_key_id: fake('0123456789abcdef', 40),
    private_key: pem('RSA', pemKeyBody()),
  });
}

describe('the keyword table covers the installed secretlint preset', () => {
  it('was checked against the installed preset version', () => {
    const { version } = JSON.parse(readFileSync(join(NODE_MODULES, PRESET, 'package.json'), 'utf8')) as {
      version: string;
    };
    if (version !== SECRETLINT_PRESET_VERSION_CHECKED) {
      throw new Error(
        `${PRESET} is ${version}, the keyword table was checked against ${SECRETLINT_PRESET_VERSION_CHECKED}: ` +
          're-read every rule (its module/index.js.map lists them) against the regexes quoted in ' +
          'src/engine/secrets/secretlint-keywords.ts, fix the entries, then update SECRETLINT_PRESET_VERSION_CHECKED',
      );
    }
  });

  it('has an entry for every rule of the preset, and none for a rule it no longer has', async () => {
    const preset = await import('@secretlint/secretlint-rule-preset-recommend');
    const installed = preset.rules.map((rule) => rule.meta.id.replace(RULE_ID_PREFIX, ''));
    const missing = installed.filter((id) => !Object.hasOwn(SECRETLINT_RULE_GATES, id));
    const stale = Object.keys(SECRETLINT_RULE_GATES).filter((id) => !installed.includes(id));
    const problems = [
      ...missing.map(
        (id) =>
          `rule "${RULE_ID_PREFIX}${id}" has no entry in src/engine/secrets/secretlint-keywords.ts: read its ` +
          'source and add the literals its regexes cannot match without (or kind "always")',
      ),
      ...stale.map((id) => `the table has "${id}", which ${PRESET} no longer has: remove the entry`),
    ];
    expect(problems).toEqual([]);
    expect(installed.length).toBeGreaterThan(20);
  });

  it('keeps confirming regexes stateless (no g or y flag)', () => {
    const stateful = Object.entries(SECRETLINT_RULE_GATES).flatMap(([id, gate]) =>
      gate.kind === 'keywords' && gate.confirm && /[gy]/.test(gate.confirm.flags) ? [id] : [],
    );
    expect(stateful).toEqual([]);
  });

  it('keeps ignoring-case keywords as lower-case ASCII and no keyword empty', () => {
    const bad = Object.entries(SECRETLINT_RULE_GATES).flatMap(([id, gate]) =>
      gate.kind !== 'keywords'
        ? []
        : [
            ...gate.anyOf.filter((k) => k.length === 0).map((k) => `${id}: "${k}"`),
            ...(gate.anyOfIgnoringCase ?? [])
              .filter((k) => k.length === 0 || !/^[\x20-\x7e]+$/.test(k) || k !== k.toLowerCase())
              .map((k) => `${id}: "${k}"`),
          ],
    );
    expect(bad).toEqual([]);
  });
});

describe('secretlintRulesToRun', () => {
  const ids = ['aws', 'github', 'a-rule-added-by-an-upgrade', 'filter-comments'];

  it('runs a rule the table does not know on every file, so an upgrade never loses findings', () => {
    expect(secretlintRulesToRun(ids, '.ts', 'const a = 1;\n')).toEqual([
      'a-rule-added-by-an-upgrade',
      'filter-comments',
    ]);
  });

  it('runs nothing, not even the comment filter, on a file without any keyword', () => {
    expect(secretlintRulesToRun(['aws', 'github', 'filter-comments'], '.ts', 'const a = 1;\n')).toEqual([]);
  });

  it('runs the rules whose keywords the file holds, in the preset order, with the comment filter', () => {
    expect(secretlintRulesToRun(ids, '.ts', 'const t = "ghp_" + x; // Secret\n')).toEqual(ids);
  });
});

describe('the prefiltered scan finds exactly what the whole preset finds', () => {
  it('on every labelled true and false positive', async () => {
    const cases = [...truePositives(), ...falsePositives()];
    let withHits = 0;
    for (const c of cases) {
      const { prefiltered, whole } = await bothScans(c.path, c.text);
      expect({ name: c.name, found: prefiltered }).toEqual({ name: c.name, found: whole });
      if (whole.length > 0) withHits++;
    }
    expect(withHits).toBeGreaterThan(10);
  });

  /** Paths and contents where a rule looks at the file name, the extension or comments, or folds case. */
  const edgeCases: { name: string; path: string; text: string; hits: boolean }[] = (() => {
    const ghp = join2('ghp_', fake(ALNUM, 36));
    const account = serviceAccountJson();
    return [
      { name: 'GCP service account JSON', path: 'keys/sa.json', text: account, hits: true },
      {
        name: 'GCP service account JSON with the key name \\u-escaped',
        path: 'keys/sa.json',
        text: account.replace('"private_key_id"', '"\\u0070rivate_key_id"'),
        hits: true,
      },
      { name: 'the same JSON under another extension', path: 'keys/sa.txt', text: account, hits: true },
      { name: 'a .p12 name (the rule reads the file from disk)', path: 'keys/k.p12', text: 'x', hits: false },
      {
        name: 'GitHub token inside secretlint-disable / enable',
        path: 'a.ts',
        text: `// secretlint-disable\nconst t = "${ghp}";\n// secretlint-enable\n`,
        hits: false,
      },
      {
        name: 'secretlint-disable-next-line naming the rule',
        path: 'a.ts',
        text: `// secretlint-disable-next-line @secretlint/secretlint-rule-github\nconst t = "${ghp}";\n`,
        hits: false,
      },
      {
        name: 'secretlint-disable-next-line naming another rule',
        path: 'a.ts',
        text: `// secretlint-disable-next-line @secretlint/secretlint-rule-aws\nconst t = "${ghp}";\n`,
        hits: true,
      },
      {
        name: 'a byte order mark before a token',
        path: 'a.ts',
        text: `\uFEFFconst t = "${ghp}";\n`,
        hits: true,
      },
      {
        name: 'x-oauth-basic clone URL in package.json',
        path: 'package.json',
        text: `{"repository": "https://${fake(ALNUM, 40)}:x-oauth-basic@github.com/o/r.git"}\n`,
        hits: true,
      },
      {
        name: '_authToken in .npmrc',
        path: '.npmrc',
        text: `//registry.npmjs.org/:_authToken=${fake(ALNUM, 36)}\n`,
        hits: true,
      },
      {
        name: 'upper-case database URI (the rule has the i flag)',
        path: 'db.env',
        text: `DB=MONGODB+SRV://svc:${fake(ALNUM, 16)}@cluster0.db.internal/app\n`,
        hits: true,
      },
      {
        name: 'mixed-case MySQL URI after jdbc:',
        path: 'app.properties',
        text: `url=jdbc:MySqL://svc:${fake(ALNUM, 16)}@db.internal:3306/app\n`,
        hits: true,
      },
      {
        name: 'upper-case Slack webhook (the rule has the i flag)',
        path: 'n.sh',
        text: `curl HTTPS://HOOKS.SLACK.COM/SERVICES/T${fake(ALNUM, 8)}/B${fake(ALNUM, 8)}/${fake(ALNUM, 24)}\n`,
        hits: true,
      },
      ...['http', 'ftp', 'ftps'].map((scheme) => ({
        name: `basic auth in an ${scheme}:// URL`,
        path: 'deploy.sh',
        text: `curl ${scheme}://deploy:${fake(ALNUM, 12)}@files.internal.net/x\n`,
        hits: true,
      })),
      {
        name: 'basic auth with a 256-character user and password (the bounds of the regex)',
        path: 'deploy.sh',
        text: `curl https://${fake(ALNUM, 256)}:${fake(ALNUM, 256)}@files.internal.net/x\n`,
        hits: true,
      },
      {
        name: 'AWS account ID assignment',
        path: 'a.tf',
        text: 'aws_account_id = "1234-5678-9012"\n',
        hits: true,
      },
    ];
  })();

  it.each(edgeCases)('on $name', async ({ path, text, hits }) => {
    const { prefiltered, whole } = await bothScans(path, text);
    expect(prefiltered).toEqual(whole);
    expect(whole.length > 0).toBe(hits);
  });

  /** One text per scanning rule that the rule reports, shaped by its regex (quoted in secretlint-keywords.ts). */
  const ruleSamples: Record<string, { path: string; text: string }> = (() => {
    const HEX = '0123456789abcdef';
    const line = (token: string) => ({ path: 'src/config.ts', text: `const token = "${token}";\n` });
    let onePassword = '';
    for (let pad = 0; !onePassword.endsWith('fQ=='); pad++) {
      const account = { email: `${fake(ALNUM, 12)}@example.invalid`, secretKey: fake(ALNUM, 60 + pad) };
      onePassword = Buffer.from(JSON.stringify(account)).toString('base64');
    }
    return {
      aws: line(join2('AKIA', fake(ALNUM.slice(0, 26) + '0123456789', 16))),
      gcp: { path: 'keys/sa.json', text: serviceAccountJson() },
      privatekey: { path: 'id_rsa', text: `${pem('RSA', pemKeyBody())}\n` },
      npm: line(join2('npm_', fake(ALNUM, 36))),
      basicauth: line(`https://deploy:${fake(ALNUM, 12)}@git.internal.net/x`),
      slack: line(join2('xoxb-', '123456789012-123456789012-', fake(ALNUM, 24))),
      sendgrid: line(join2('SG.', fake(ALNUM, 22), '.', fake(ALNUM, 43))),
      shopify: line(join2('shpat_', fake(ALNUM, 32))),
      stripe: line(join2('sk_live_', fake(ALNUM, 24))),
      github: line(join2('ghp_', fake(ALNUM, 36))),
      gitlab: line(join2('glpat-', fake(ALNUM, 20))),
      grafana: line(join2('glc_', fake(ALNUM, 48))),
      openai: line(join2('sk-', fake(ALNUM, 20), 'T3BlbkFJ', fake(ALNUM, 20))),
      anthropic: line(join2('sk-ant-api03-', fake(ALNUM, 93), 'AA')),
      groq: line(join2('gsk_', fake(ALNUM, 52))),
      huggingface: line(join2('hf_', fake(ALNUM.slice(0, 52), 34))),
      linear: line(join2('lin_api_', fake(ALNUM, 40))),
      notion: line(join2('ntn_', fake('0123456789', 11), fake(ALNUM, 35))),
      '1password': line(join2('ops_', onePassword)),
      'database-connection-string': line(`postgres://svc:${fake(ALNUM, 16)}@db.internal/app`),
      'hashicorp-vault': line(join2('hvs.', fake(ALNUM, 95))),
      vercel: line(join2('vcp_', fake(ALNUM, 24))),
      databricks: line(join2('dapi', fake(HEX, 32))),
      docker: line(join2('dckr_pat_', fake(ALNUM, 27))),
      figma: line(join2('figd_', fake(ALNUM, 40))),
      cloudflare: line(join2('cfk_', fake(ALNUM, 40), fake(HEX, 8))),
      tailscale: line(join2('tskey-auth-', fake(ALNUM, 12), '-', fake(ALNUM, 24))),
    };
  })();

  it('has a sample for every scanning rule of the table', () => {
    const scanning = Object.entries(SECRETLINT_RULE_GATES).flatMap(([id, gate]) =>
      gate.kind === 'with-other-rules' ? [] : [id],
    );
    expect(scanning.filter((id) => !Object.hasOwn(ruleSamples, id))).toEqual([]);
  });

  it.each(Object.entries(ruleSamples))('on a token the %s rule reports', async (id, { path, text }) => {
    const { prefiltered, whole } = await bothScans(path, text);
    expect(whole.map((c) => c.ruleId)).toContain(`secretlint/${id}`);
    expect(prefiltered).toEqual(whole);
  });

  it('never runs the GCP rule on a .p12 path, which would make secretlint read "/" + path from local disk', () => {
    const ids = Object.keys(SECRETLINT_RULE_GATES);
    expect(secretlintRulesToRun(ids, '.p12', 'private_key_id \\u')).not.toContain('gcp');
    expect(secretlintRulesToRun(ids, '.json', '{"private_key_id": "x"}')).toContain('gcp');
  });

  function sourceFiles(folder: string, ending: string): { path: string; text: string }[] {
    const root = join(NODE_MODULES, folder);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? walk(join(dir, e.name)) : e.name.endsWith(ending) ? [join(dir, e.name)] : [],
      );
    return walk(root)
      .filter((p) => !p.endsWith('.d.ts'))
      .sort()
      .map((p) => ({ path: relative(NODE_MODULES, p), text: readFileSync(p, 'utf8') }));
  }

  const realCode = [...sourceFiles('eslint/lib', '.js'), ...sourceFiles('rxjs/src', '.ts')];

  it('on the real code of eslint/lib and rxjs/src', async () => {
    expect(realCode.length).toBeGreaterThan(300);
    for (const file of realCode) {
      const { prefiltered, whole } = await bothScans(file.path, file.text);
      expect({ path: file.path, found: prefiltered }).toEqual({ path: file.path, found: whole });
    }
  });

  it('on real code with each labelled secret planted in it', async () => {
    let withHits = 0;
    for (const [i, c] of truePositives().entries()) {
      const host = realCode[(i * 37) % realCode.length]!;
      const lines = host.text.split('\n');
      lines.splice(Math.floor(lines.length / 2), 0, ...c.text.split('\n'));
      const { prefiltered, whole } = await bothScans(c.path, lines.join('\n'));
      expect({ name: c.name, found: prefiltered }).toEqual({ name: c.name, found: whole });
      if (whole.length > 0) withHits++;
    }
    expect(withHits).toBeGreaterThan(10);
  });

  /** Every keyword of the table, with ignoring-case ones in random case. */
  const keywordArb = fc
    .constantFrom(
      ...Object.values(SECRETLINT_RULE_GATES).flatMap((gate) =>
        gate.kind !== 'keywords'
          ? []
          : [
              ...gate.anyOf.map((text) => ({ text, ignoringCase: false })),
              ...(gate.anyOfIgnoringCase ?? []).map((text) => ({ text, ignoringCase: true })),
            ],
      ),
    )
    .chain(({ text, ignoringCase }) =>
      ignoringCase
        ? fc
            .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
            .map((upper) => [...text].map((ch, i) => (upper[i] ? ch.toUpperCase() : ch)).join(''))
        : fc.constant(text),
    );
  // Separators and characters whose case folding is special (ſ, K, İ) next to token characters.
  const noiseArb = fc.string({ unit: fc.constantFrom(...`${ALNUM}_-./:@=+ \n"'\\ſKİ`), maxLength: 30 });
  /** Token-shaped bodies of the lengths the rules count, so many runs hold a real match. */
  const bodyArb = fc.oneof(
    fc
      .tuple(
        fc.constantFrom(ALNUM, ALNUM.slice(0, 36), `${ALNUM}_-`, '0123456789abcdef', B64),
        fc.constantFrom(8, 11, 16, 20, 24, 27, 32, 34, 36, 40, 46, 52, 58, 82, 93, 100, 130),
      )
      .chain(([alphabet, length]) =>
        fc.string({ unit: fc.constantFrom(...alphabet), minLength: length, maxLength: length }),
      ),
    fc.constantFrom(...truePositives().map((c) => c.secret)),
    noiseArb,
  );
  const textArb = fc
    .tuple(noiseArb, fc.array(fc.tuple(keywordArb, bodyArb, noiseArb), { minLength: 1, maxLength: 3 }))
    .map(([head, parts]) => head + parts.map((p) => p.join('')).join(''));
  const pathArb = fc.constantFrom('src/a.ts', 'package.json', '.npmrc', 'keys/sa.json', 'k.p12', 'README');

  it('on generated text embedding each keyword among token-like characters', async () => {
    let withHits = 0;
    await fc.assert(
      fc.asyncProperty(pathArb, textArb, async (path, text) => {
        const { prefiltered, whole } = await bothScans(path, text);
        if (whole.length > 0) withHits++;
        expect(prefiltered).toEqual(whole);
      }),
      { numRuns: 1500 },
    );
    expect(withHits).toBeGreaterThan(50);
  });
});
