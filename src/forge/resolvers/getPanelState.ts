import { kvs } from '@forge/kvs';
import { pullRequestFrom } from './extensionContext';
import { gateKey } from '../storage-keys';
import { ResolverInputError } from './resolverError';
import type { GateRecord, PanelState } from './types';

interface ResolverRequest {
  context: unknown;
}

function isGateRecord(value: unknown): value is GateRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { state?: unknown }).state === 'string'
  );
}

/** The stored quality-gate verdict of the panel's pull request, or `{ state: 'none' }` before any analysis. */
export async function getPanelState({ context }: ResolverRequest): Promise<PanelState> {
  const { repositoryUuid, pullRequestId } = pullRequestFrom(context);
  const key = gateKey(repositoryUuid, pullRequestId);
  const stored = await kvs.get<unknown>(key);
  if (stored === undefined) return { state: 'none' };
  if (!isGateRecord(stored)) {
    throw new ResolverInputError(`The verdict stored under '${key}' has no state; re-run the analysis.`);
  }
  return stored;
}
