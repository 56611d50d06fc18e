/**
 * The settings one run uses, read once: the stored layers (workspace, project, repository) from the SettingsSource
 * port, then `.lintel.yml` from the pull request's **destination** commit, so a pull request cannot weaken its own
 * gate by editing the file. An invalid file is ignored with a notice the summary shows first; a file Bitbucket cannot
 * serve for another reason than "not there" fails the run (retried), because analysing with weaker settings than
 * the repository asks for would be a silent skip.
 */
import type { BitbucketApi } from '../bitbucket/api';
import { BitbucketError } from '../bitbucket/errors';
import type { RepoRef } from '../bitbucket/models';
import { resolveLayers, type SettingsLayer } from '../settings/layers';
import { parseSettingsFile, SETTINGS_FILE, type SettingsFileRead } from '../settings/settings-file';
import type { Settings } from '../settings/types';
import type { SettingsSource } from './ports';

export interface EffectiveSettings {
  settings: Settings;
  /** For the summary comment and the activity list: why a layer was ignored, or migrated. */
  notices: string[];
}

export interface SettingsTarget {
  repo: RepoRef;
  projectUuid?: string;
  /** The destination commit whose `.lintel.yml` applies; absent: no file is read. */
  destinationHash?: string;
}

export async function readSettingsFileAt(
  api: BitbucketApi,
  repo: RepoRef,
  commit: string,
): Promise<SettingsFileRead> {
  try {
    return parseSettingsFile(await api.fileAt(repo, commit, SETTINGS_FILE));
  } catch (error) {
    if (error instanceof BitbucketError && error.kind === 'not-found') return { status: 'absent' };
    throw error;
  }
}

export async function effectiveSettingsFor(
  target: SettingsTarget,
  deps: { api: BitbucketApi; loadSettings: SettingsSource },
): Promise<EffectiveSettings> {
  const stored = await deps.loadSettings({
    repo: target.repo,
    ...(target.projectUuid ? { projectUuid: target.projectUuid } : {}),
  });
  const layers: SettingsLayer[] = [...stored.layers];
  const notices = [...stored.notices];
  if (target.destinationHash) {
    const file = await readSettingsFileAt(deps.api, target.repo, target.destinationHash);
    if (file.status === 'applied') layers.push({ source: 'file', overrides: file.overrides });
    if (file.status === 'invalid') {
      notices.push(
        `${SETTINGS_FILE} on the destination branch is ignored, the stored settings apply: ${file.errors.join('; ')}`,
      );
    }
  }
  return { settings: resolveLayers(layers).settings, notices };
}
