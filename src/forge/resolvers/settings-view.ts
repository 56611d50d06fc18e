/**
 * What a settings page shows, built from the one settings store and the one layering function, so the page shows
 * exactly the settings the pipeline runs with: inherited values and their sources, this level's overrides, and for a
 * repository its `.lintel.yml` on the main branch.
 */
import api, { route } from '@forge/api';
import { resolveLayers, type SettingsLayer } from '../../settings/layers';
import { RULE_CATALOG } from '../../settings/rule-catalog';
import { parseSettingsFile, SETTINGS_FILE } from '../../settings/settings-file';
import { layersOf, readLevels, repositoryLevels, type LevelRef } from '../settings-store';
import type { SettingsPage } from './settings-page-access';
import type { SettingsFileView, SettingsView } from './types';

function levelsOf(page: SettingsPage): LevelRef[] {
  if (page.level === 'workspace') return [{ level: 'workspace', uuid: page.workspaceUuid }];
  if (page.level === 'project') {
    return [
      { level: 'workspace', uuid: page.workspaceUuid },
      { level: 'project', uuid: page.uuid },
    ];
  }
  return repositoryLevels({
    workspaceUuid: page.workspaceUuid,
    repositoryUuid: page.uuid,
    ...(page.repository?.projectUuid ? { projectUuid: page.repository.projectUuid } : {}),
  });
}

/** `.lintel.yml` on the main branch, read as the caller; the pipeline reads each pull request's destination. */
async function settingsFileOf(page: SettingsPage): Promise<SettingsFileView | undefined> {
  const branch = page.repository?.mainBranch;
  if (page.level !== 'repository' || !branch) return undefined;
  const view = { path: SETTINGS_FILE, branch } as const;
  const response = await api
    .asUser()
    .requestBitbucket(
      route`/2.0/repositories/${page.workspaceUuid}/${page.uuid}/src/${branch}/${SETTINGS_FILE}`,
      {
        headers: { Accept: '*/*' },
      },
    );
  if (response.status === 404) return { ...view, status: 'absent' };
  if (response.status !== 200) {
    return { ...view, status: 'unreadable', errors: [`Bitbucket answered HTTP ${response.status}`] };
  }
  const read = parseSettingsFile(await response.text());
  if (read.status === 'applied') return { ...view, status: 'applied', overrides: read.overrides };
  if (read.status === 'invalid') return { ...view, status: 'invalid', errors: read.errors };
  return { ...view, status: 'absent' };
}

export async function settingsViewOf(page: SettingsPage): Promise<SettingsView> {
  const refs = levelsOf(page);
  const [reads, settingsFile] = await Promise.all([readLevels(refs), settingsFileOf(page)]);
  const own = reads[reads.length - 1];
  const above = layersOf(reads.slice(0, -1));
  const inherited = resolveLayers(above);
  const layers: SettingsLayer[] = [...above, ...layersOf(reads.slice(-1))];
  if (settingsFile?.status === 'applied' && settingsFile.overrides) {
    layers.push({ source: 'file', overrides: settingsFile.overrides });
  }
  const effective = resolveLayers(layers);
  const document = own?.document;
  return {
    level: page.level,
    overrides: document?.overrides ?? {},
    inherited: inherited.settings,
    inheritedSources: inherited.sources,
    effective: effective.settings,
    sources: effective.sources,
    revision: document?.revision ?? 0,
    ...(document?.updatedAt ? { updatedAt: document.updatedAt } : {}),
    ...(document?.updatedBy ? { updatedBy: document.updatedBy } : {}),
    ...(settingsFile ? { settingsFile } : {}),
    rules: [...RULE_CATALOG],
    notices: reads.flatMap((read) => (read.notice ? [read.notice] : [])),
  };
}
