import Button from '@atlaskit/button/new';
import Lozenge from '@atlaskit/lozenge';
import { Inline } from '@atlaskit/primitives/compiled/inline';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { SettingSource, SettingsLevel } from '../../../src/forge/resolvers/types';
import { useEditor } from './editor-context';
import { isOverridden, valueAt } from './settings-draft';

const OWN_LEVEL: Record<SettingsLevel, string> = {
  repository: 'This repository',
  project: 'This project',
  workspace: 'This workspace',
};

const INHERITED_FROM: Record<SettingSource, string> = {
  default: 'Default',
  workspace: 'Workspace',
  project: 'Project',
  repository: 'Repository',
  file: 'from .lintel.yml',
};

/** How a value reads in a sentence: "on", "off", "12", "3 patterns". */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'off';
  if (typeof value === 'boolean') return value ? 'on' : 'off';
  if (Array.isArray(value)) {
    if (value.length === 0) return 'an empty list';
    return value.length === 1 ? `"${String(value[0])}"` : `${value.length} entries`;
  }
  return String(value);
}

/**
 * Where a value comes from: this level (with "Reset to inherited"), or the level it inherits from. When the
 * repository's `.lintel.yml` sets it too, the file wins over the page, so it says so and where to change it.
 * `label` names the field for the reset button ("Reset Status checks to inherited").
 */
export function ValueSource({ path, label }: { path: string; label: string }) {
  const { view, draft, resetToInherited } = useEditor();
  const own = isOverridden(draft, path);
  const fromFile = view.sources[path] === 'file';
  const inheritedFrom = view.inheritedSources[path] ?? 'default';
  return (
    <Inline space="space.100" alignBlock="center" shouldWrap>
      {own ? (
        <Lozenge appearance="inprogress">{OWN_LEVEL[view.level]}</Lozenge>
      ) : (
        <Lozenge>{INHERITED_FROM[inheritedFrom]}</Lozenge>
      )}
      {own && (
        <Button
          appearance="subtle"
          spacing="compact"
          aria-label={`Reset ${label} to inherited`}
          onClick={() => resetToInherited(path)}
        >
          Reset to inherited
        </Button>
      )}
      {fromFile && (
        <>
          <Lozenge appearance="moved">{INHERITED_FROM.file}</Lozenge>
          <Text size="small" color="color.text.subtle">
            Pull requests get {describeValue(valueAt(view.effective, path))} from .lintel.yml
            {view.settingsFile ? ` on ${view.settingsFile.branch}` : ''}, which wins over this page: change it
            in the file.
          </Text>
        </>
      )}
    </Inline>
  );
}
