/**
 * The CLI's settings: Lintel's defaults, then the repository's `.lintel.yml` (the same file the Forge app reads),
 * then `--settings FILE` when given, which wins because it is what the user asked for on this command line.
 * In a change analysis `.lintel.yml` is read from the base revision, as the app reads it from the pull request's
 * destination, so the change under review cannot weaken its own gate.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { resolveLayers, type SettingsLayer } from '../../settings/layers';
import { SETTINGS_FILE } from '../../settings/settings-file-name';
import type { Settings } from '../../settings/types';
import { GitError, runGit, workTreeRoot } from '../git/run-git';
import { UserError } from '../io';

/**
 * The readers of settings documents (yaml and zod, ~40 ms to load, most of the command's own start), loaded only
 * when there is a document to read: a run with Lintel's defaults starts without them.
 */
function documentReaders(): typeof import('./settings-documents') {
  // A require, not a static import, so the bundle evaluates them on first use (esbuild wraps required modules).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./settings-documents') as typeof import('./settings-documents');
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
    const read = documentReaders().parseSettingsFile(text);
    if (read.status === 'invalid') {
      throw new UserError(`${SETTINGS_FILE} is invalid:\n${read.errors.map((e) => `  - ${e}`).join('\n')}`);
    }
    if (read.status === 'applied') layers.push({ source: 'file', overrides: read.overrides });
  }
  if (file !== undefined) {
    layers.push({ source: 'file', overrides: await documentReaders().loadSettingsOverrides(file, cwd) });
  }
  return resolveLayers(layers).settings;
}
