/**
 * Forge storage keys, in one place. Forge keys may not contain braces, so Bitbucket UUIDs are stored without them
 * (key rule: ../shared/docs/forge-platform.md §5). Storage is per installation, so no workspace prefix is needed.
 */
import { storageId } from '../pipeline/job';

/** What the consumer last did for a pull request (received, analysed, failed) and for which head commit. */
export const runStateKey = (repositoryUuid: string, pullRequestId: number): string =>
  `gate:${storageId(repositoryUuid)}:${pullRequestId}`;
