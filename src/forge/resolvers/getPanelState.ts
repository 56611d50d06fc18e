import { kvs } from '@forge/kvs';
import { requirePullRequestReader } from './authorize';
import { pullRequestFrom } from './extensionContext';
import { installationWorkspaceFrom } from './installation-workspace';
import { authorizeOptionsFrom, type ResolverRequest } from './resolver-request';
import { gateKey } from '../storage-keys';
import { ResolverInputError } from './resolverError';
import type { AccessRefused, GateRecord, PanelState } from './types';

function isGateRecord(value: unknown): value is GateRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { state?: unknown }).state === 'string'
  );
}

/**
 * The stored quality-gate verdict of the panel's pull request, or `{ state: 'none' }` before any analysis. The
 * page names the pull request, but only a caller Bitbucket lets read it (asked as the caller) gets its verdict.
 */
export async function getPanelState(request: ResolverRequest): Promise<PanelState | AccessRefused> {
  const claim = pullRequestFrom(request.context);
  const workspace = installationWorkspaceFrom(request.context);
  const access = await requirePullRequestReader(workspace, claim, authorizeOptionsFrom(request));
  if (access.access === 'refused') return access;
  const { repositoryUuid, pullRequestId } = access.value;
  const key = gateKey(repositoryUuid, pullRequestId);
  const stored = await kvs.get<unknown>(key);
  if (stored === undefined) return { state: 'none' };
  if (!isGateRecord(stored)) {
    throw new ResolverInputError(`The verdict stored under '${key}' has no state; re-run the analysis.`);
  }
  return stored;
}
