import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { defaultSettings, parseSettings, type Settings } from '../../settings';
import { UserError } from '../io';

/** Reads a settings file (JSON, or YAML by extension) and validates it; defaults when no file is given. */
export async function loadSettings(file: string | undefined, cwd: string): Promise<Settings> {
  if (file === undefined) return defaultSettings();
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
  const result = parseSettings(document);
  if (!result.ok) {
    throw new UserError(
      `settings file ${file} is invalid:\n${result.errors.map((e) => `  - ${e}`).join('\n')}`,
    );
  }
  return result.settings;
}
