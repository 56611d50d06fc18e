import type { LintelSettings } from '../../../src/forge/resolvers/types';
import { StatusMessage } from '../../shared/StatusMessage';
import { useResolverData, type PageContext } from '../../shared/useResolverData';

const OPTIONS: ReadonlyArray<{ key: keyof LintelSettings; label: string; hint: string }> = [
  {
    key: 'statusChecks',
    label: 'Build status checks',
    hint: 'Report the quality gate as a commit build status.',
  },
  { key: 'annotations', label: 'Code Insights annotations', hint: 'Mark findings on the changed lines.' },
  { key: 'summaries', label: 'Summary comment', hint: 'Post one summary comment on each pull request.' },
  { key: 'aiComments', label: 'AI-enhanced comments', hint: 'Explain findings with Forge LLMs.' },
];

/** Which settings page this is, from the module the page was opened from. */
export function levelOf(context: PageContext): string {
  switch (context.extension?.type) {
    case 'bitbucket:repoSettingsMenuPage':
      return 'Repository';
    case 'bitbucket:workspaceSettingsMenuPage':
      return 'Workspace';
    default:
      return 'Unknown';
  }
}

export function SettingsPage() {
  const data = useResolverData<LintelSettings>('getSettings');
  return (
    <main aria-labelledby="page-title">
      <h1 id="page-title">Lintel settings</h1>
      <StatusMessage data={data} what="settings" />
      {data.status === 'ready' && (
        <>
          <p>
            Level: <strong data-testid="settings-level">{levelOf(data.context)}</strong>
          </p>
          <p className="muted">
            {levelOf(data.context) === 'Workspace'
              ? 'Defaults for every repository in this workspace.'
              : 'Applies to pull requests in this repository.'}
          </p>
          <section aria-labelledby="checks-title">
            <h2 id="checks-title">What Lintel writes back</h2>
            <fieldset>
              <legend className="muted">Current settings (read-only for now)</legend>
              {OPTIONS.map(({ key, label, hint }) => (
                <div className="option" key={key}>
                  <input
                    type="checkbox"
                    id={`setting-${key}`}
                    checked={data.value[key] === true}
                    readOnly
                    disabled
                    aria-describedby={`hint-${key}`}
                  />
                  <label htmlFor={`setting-${key}`}>{label}</label>
                  <span id={`hint-${key}`} className="muted">
                    — {hint}
                  </span>
                </div>
              ))}
            </fieldset>
          </section>
        </>
      )}
    </main>
  );
}
