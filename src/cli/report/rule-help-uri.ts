/**
 * Where a rule's documentation is: docs/rules.md, which carries an anchor named after each rule id (rendered by
 * src/engine/rules/render-rules-doc.ts), so a link survives a change of the rule's title. The project has no public
 * home yet, so the link is the copy shipped with this CLI (a `file:` URI, which SARIF viewers open locally);
 * `LINTEL_RULES_DOC_URL` points it elsewhere, e.g. at the repository's browsable docs/rules.md.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The folder of Lintel's own package.json, from wherever this code runs (src/ under tsx, build/cli.cjs). */
function packageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'lintel') return dir;
      } catch {
        // Not ours, or unreadable: keep looking upwards.
      }
    }
    if (dirname(dir) === dir) return undefined;
  }
}

export function rulesDocUrl(env: NodeJS.ProcessEnv = process.env): string {
  const configured = env.LINTEL_RULES_DOC_URL;
  if (configured) return configured;
  const root = packageRoot(__dirname) ?? process.cwd();
  return pathToFileURL(join(root, 'docs', 'rules.md')).href;
}

/** A rule's documentation (SARIF `helpUri`): `<rules doc>#<rule-id>`. */
export function ruleHelpUri(ruleId: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${rulesDocUrl(env)}#${encodeURIComponent(ruleId)}`;
}
