import type { PanelView } from '../../panel/panel-view';
import { requirePullRequestReader } from './authorize';
import { callerAccountId, pullRequestFrom } from './extensionContext';
import { installationWorkspaceFrom } from './installation-workspace';
import { readPanelView } from './panel-view-reader';
import { authorizeOptionsFrom, type ResolverRequest } from './resolver-request';
import type { AccessRefused } from './types';

/**
 * The panel's (and the findings dialog's) view of their pull request: verdict, findings with their diff links,
 * dismissals, or why there is none (docs/pull-request-panel.md). The page names the pull request, but only a caller
 * Bitbucket lets read it (asked as the caller) gets anything; Bitbucket's answer also says where its head is now.
 */
export async function getPanelState(request: ResolverRequest): Promise<PanelView | AccessRefused> {
  const claim = pullRequestFrom(request.context);
  const workspace = installationWorkspaceFrom(request.context);
  const access = await requirePullRequestReader(workspace, claim, authorizeOptionsFrom(request));
  if (access.access === 'refused') return access;
  return readPanelView(access.value, callerAccountId(request.context));
}
