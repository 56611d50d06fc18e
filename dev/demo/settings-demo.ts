/**
 * The demo's settings part: Dana (workspace owner) reads the repository's settings page data and its activity list
 * through the real resolvers, as the Custom UI page does, and the demo prints where each shown value comes from.
 * Printed only from what the resolvers answered.
 */
import { extensions, type createForgeRuntime } from '../forge-runtime';
import type { ActivityView, SettingsView } from '../../src/forge/resolvers/types';
import { section } from './print';

export async function printSettings(
  runtime: ReturnType<typeof createForgeRuntime>,
  target: { repositoryUuid: string; accountId: string },
): Promise<boolean> {
  const ctx = { accountId: target.accountId, extension: extensions.repoSettings(target.repositoryUuid) };
  const settings = await runtime.invokeResolver('repo-settings', { functionKey: 'getSettings' }, ctx);
  const activity = await runtime.invokeResolver('repo-settings', { functionKey: 'getActivity' }, ctx);
  section('Repository settings → Lintel (resolvers, as the workspace owner)');
  if (!settings.ok || !activity.ok) {
    console.log(`settings page failed: ${settings.error ?? activity.error ?? ''}`);
    return false;
  }
  const view = settings.value as SettingsView;
  const { effective, sources } = view;
  const gate = effective.gate;
  console.log(
    `status checks ${effective.statusChecks ? 'on' : 'off'} (${sources.statusChecks}), annotations ` +
      `${effective.annotations ? 'on' : 'off'} (${sources.annotations}), AI comments ` +
      `${effective.aiComments ? 'on' : 'off'} (${sources.aiComments})`,
  );
  console.log(
    `gate: new ${gate.newIssues.minSeverity}+ issues ≤ ${gate.newIssues.max} (${sources['gate.newIssues.minSeverity']}), ` +
      `new secrets ≤ ${gate.maxNewSecrets}; revision ${view.revision}; ${view.rules.length} rules listed`,
  );
  console.log(
    `.lintel.yml on ${view.settingsFile?.branch ?? '?'}: ${view.settingsFile?.status ?? 'not read'}`,
  );
  console.log('Activity (last analyses):');
  for (const e of (activity.value as ActivityView).entries) {
    console.log(
      `  #${e.pullRequestId} ${e.commit} ${e.outcome.padEnd(10)} ${e.durationMs} ms, ${e.apiCalls} API calls` +
        `${e.reason ? ` — ${e.reason}` : ''}`,
    );
  }
  return true;
}
