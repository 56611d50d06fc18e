import Heading from '@atlaskit/heading';
import { Stack } from '@atlaskit/primitives/compiled/stack';
import { Section } from './section';
import { Text } from '@atlaskit/primitives/compiled/text';
import type { SettingsLevel, SettingsView } from '../../../src/forge/resolvers/types';
import { ActivitySection } from './activity-section';
import { EditorContext, useEditor } from './editor-context';
import { GateSection } from './gate-section';
import { IgnoreSection } from './ignore-section';
import { LoadStatus } from '../../shared/load-status';
import { Notices } from './notices';
import { PullRequestsSection } from './pull-requests-section';
import { RulesSection } from './rules-section';
import { SaveBar } from './save-bar';
import { levelValue } from './settings-draft';
import { SwitchField } from './switch-field';
import { useSettingsEditor } from './use-settings-editor';

const TITLE: Record<SettingsLevel, string> = {
  repository: 'Repository settings',
  project: 'Project settings',
  workspace: 'Workspace defaults',
};

const SCOPE: Record<SettingsLevel, string> = {
  repository: "What Lintel does on this repository's pull requests.",
  project:
    'What Lintel does on the pull requests of every repository in this project, unless a repository changes it.',
  workspace:
    'What Lintel does on every repository in this workspace, unless a project or repository changes it.',
};

const REQUIRES_STATUS_CHECKS = 'Requires status checks: turn on Status checks first.';

/** The four switches of what Lintel writes back; the three others build on the build status. */
function PublishingSection() {
  const { view, draft } = useEditor();
  const statusChecksOn = levelValue(draft, view.inherited, 'statusChecks') === true;
  const reason = statusChecksOn ? undefined : REQUIRES_STATUS_CHECKS;
  return (
    <Section id="publishing" title="What Lintel writes back">
      <SwitchField
        path="statusChecks"
        help="A build status on the pull request's head commit: green when the gate passes, red when it fails."
      />
      <SwitchField
        path="annotations"
        help="A Code Insights report marking the findings on the changed lines."
        disabledReason={reason}
      />
      <SwitchField
        path="summaries"
        help="One comment on each pull request with the verdict, updated on every push."
        disabledReason={reason}
      />
      <SwitchField
        path="aiComments"
        help="An Atlassian-hosted LLM (Forge LLM) reads the code around the worst new findings, secrets redacted, and suggests fixes in their inline comments and a risk overview in the summary; nothing leaves Atlassian."
        disabledReason={reason}
      />
    </Section>
  );
}

function LastSaved({ view }: { view: SettingsView }) {
  if (!view.updatedAt)
    return <Text color="color.text.subtle">Nothing saved at this level yet: every value is inherited.</Text>;
  return (
    <Text color="color.text.subtle">
      Last saved <time dateTime={view.updatedAt}>{new Date(view.updatedAt).toLocaleString()}</time>
      {view.updatedBy ? ` by account ${view.updatedBy}` : ''} (revision {view.revision}).
    </Text>
  );
}

export function SettingsPage() {
  const { load, editor } = useSettingsEditor();
  return (
    <main aria-labelledby="page-title" style={{ maxWidth: 1080 }}>
      <Stack space="space.300">
        {load.status !== 'ready' || !editor ? (
          <>
            <Heading size="large" as="h1" id="page-title">
              Lintel settings
            </Heading>
            {load.status !== 'ready' && <LoadStatus load={load} what="settings" />}
          </>
        ) : (
          <EditorContext.Provider value={editor}>
            <Stack space="space.100">
              <Heading size="large" as="h1" id="page-title">
                {TITLE[editor.view.level]}
              </Heading>
              <Text>{SCOPE[editor.view.level]}</Text>
              <LastSaved view={editor.view} />
            </Stack>
            <Notices notices={editor.view.notices} file={editor.view.settingsFile} />
            <PublishingSection />
            <GateSection />
            <RulesSection />
            <IgnoreSection />
            <PullRequestsSection />
            <SaveBar />
            {editor.view.level === 'repository' && <ActivitySection />}
          </EditorContext.Provider>
        )}
      </Stack>
    </main>
  );
}
