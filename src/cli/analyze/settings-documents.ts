/**
 * Settings documents the CLI reads: `.lintel.yml` and a `--settings FILE` (JSON, or YAML by extension), validated by
 * the settings schema. Loaded on demand by load-settings.ts; `lintel pr` uses it directly.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseSettingsOverrides } from '../../settings/parse';
import type { SettingsOverrides } from '../../settings/types';
import { UserError } from '../io';

export { parseSettingsFile } from '../../settings/settings-file';

/** Reads a settings file (JSON, or YAML by extension) and validates it as overrides. */
export async function loadSettingsOverrides(file: string, cwd: string): Promise<SettingsOverrides> {
  let text: string;
  try {
    text = await readFile(resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(
      `cannot read settings file ${file}${code === 'ENOENT' ? ': no such file' : ` (${code})`}`,
    );
  }
  let document: unknown;
  try {
    document = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    const kind = /\.ya?ml$/i.test(file) ? 'YAML' : 'JSON';
    throw new UserError(`settings file ${file} is not valid ${kind}: ${(error as Error).message}`);
  }
  const result = parseSettingsOverrides(document ?? {});
  if (!result.ok) {
    throw new UserError(
      `settings file ${file} is invalid:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  }
  return result.value;
}
