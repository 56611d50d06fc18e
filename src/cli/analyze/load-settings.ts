/**
 * The CLI's settings: Lintel's defaults, then the repository's `.lintel.yml` (the same file the Forge app reads),
 * then `--settings FILE` when given, which wins because it is what the user asked for on this command line.
 * In a change analysis `.lintel.yml` is read from the base revision, as the app reads it from the pull request's
 * destination, so the change under review cannot weaken its own gate.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseSettingsOverrides, type Settings, type SettingsOverrides } from '../../settings';
import { resolveLayers, type SettingsLayer } from '../../settings/layers';
import { parseSettingsFile, SETTINGS_FILE } from '../../settings/settings-file';
import { GitError, runGit, workTreeRoot } from '../git/run-git';
import { UserError } from '../io';

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

/** Where the repository's `.lintel.yml` comes from: a folder's work tree, or a revision of a repository. */
export type SettingsFileOrigin = { folder: string } | { repo: string; revision: string };

async function settingsFileText(origin: SettingsFileOrigin): Promise<string | undefined> {
  if ('revision' in origin) {
    // A folder that is not there is the change reader's error to report (with the flag's name), not git's.
    if (
      !(await stat(origin.repo).then(
        (s) => s.isDirectory(),
        () => false,
      ))
    )
      return undefined;
    try {
      return (await runGit(origin.repo, ['show', `${origin.revision}:${SETTINGS_FILE}`])).toString('utf8');
    } catch (error) {
      // `git show` exits 128 when the path is not in that revision: no file, nothing to apply.
      if (error instanceof GitError && error.exitCode === 128) return undefined;
      throw error;
    }
  }
  const root = (await workTreeRoot(origin.folder)) ?? origin.folder;
  try {
    return await readFile(resolve(root, SETTINGS_FILE), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new UserError(`cannot read ${resolve(root, SETTINGS_FILE)}: ${(error as Error).message}`);
  }
}

/** The settings a local run uses; an invalid `.lintel.yml` is an error here (the user can fix it right away). */
export async function loadSettings(
  file: string | undefined,
  cwd: string,
  origin: SettingsFileOrigin = { folder: cwd },
): Promise<Settings> {
  const layers: SettingsLayer[] = [];
  const text = await settingsFileText(origin);
  if (text !== undefined) {
    const read = parseSettingsFile(text);
    if (read.status === 'invalid') {
      throw new UserError(`${SETTINGS_FILE} is invalid:\n${read.errors.map((e) => `  - ${e}`).join('\n')}`);
    }
    if (read.status === 'applied') layers.push({ source: 'file', overrides: read.overrides });
  }
  if (file !== undefined) layers.push({ source: 'file', overrides: await loadSettingsOverrides(file, cwd) });
  return resolveLayers(layers).settings;
}
