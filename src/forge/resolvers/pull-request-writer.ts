/**
 * Who may act on a pull request from its pages (Re-analyse, dismiss, restore): a signed-in person who can read the
 * pull request and write to its repository — both checked as the caller (`asUser()`), in the workspace Forge
 * installed Lintel in, never from ids the page sent (docs/access-control.md).
 */
import { requirePullRequestReader, requireRepositoryWriter } from './authorize';
import { callerAccountId, pullRequestFrom } from './extensionContext';
import { installationWorkspaceFrom } from './installation-workspace';
import type { ReadPullRequest } from './panel-view-reader';
import { authorizeOptionsFrom, type ResolverRequest } from './resolver-request';
import { ResolverInputError } from './resolverError';
import type { AccessRefused } from './types';

export interface PullRequestWriter {
  workspace: string;
  pr: ReadPullRequest;
  accountId: string;
  displayName?: string;
}

/**
 * The pull request and the caller, if they can read it and write to its repository. `action` names what was asked
 * in a refusal ("re-analyse pull request #3"); `signedOut` is the message for a caller Forge names no account for.
 */
export async function pullRequestWriterOf(
  request: ResolverRequest,
  action: (pullRequestId: number) => string,
  signedOut: string,
): Promise<PullRequestWriter | AccessRefused> {
  const claim = pullRequestFrom(request.context);
  const workspace = installationWorkspaceFrom(request.context);
  const options = authorizeOptionsFrom(request);
  const reader = await requirePullRequestReader(workspace, claim, options);
  if (reader.access === 'refused') return reader;
  const writer = await requireRepositoryWriter(
    workspace,
    reader.value.repositoryUuid,
    options,
    action(claim.pullRequestId),
  );
  if (writer.access === 'refused') return writer;
  const accountId = callerAccountId(request.context);
  if (!accountId) throw new ResolverInputError(signedOut);
  return {
    workspace,
    pr: reader.value,
    accountId,
    ...(writer.value.displayName ? { displayName: writer.value.displayName } : {}),
  };
}
