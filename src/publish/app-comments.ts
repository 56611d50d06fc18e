/**
 * Lintel's own comments on a pull request, read with ONE paginated listing shared by the summary comment and
 * the inline comments. They are recognised by the author's uuid (when known) and by their hidden markers
 * (danger-js's approach; danger/danger-js#856 shows why the uuid matters).
 */
import type { BitbucketApi } from '../bitbucket/api';
import type { CommentInfo } from '../bitbucket/models';
import { MARKER_PREFIX, findingMarkersIn, hasAiMarker, hasSummaryMarker } from './markers';
import type { PublishTarget } from './types';

export interface AppComments {
  /** The summary comment to edit, if there is one. */
  summary?: CommentInfo;
  /** Fingerprints that already have an inline comment (normalised as markers store them). */
  postedFingerprints: Set<string>;
  /** Inline finding comments already on the PR; they count against the per-PR cap. */
  inlineCount: number;
  /** Of those, the ones the AI review wrote: they count against its per-PR cap (src/ai/ai-limits.ts). */
  aiCount?: number;
  /**
   * Lintel's inline comments by the fingerprint their marker names: one whose finding a later push fixed is
   * resolved (if still open) and counted as fixed.
   */
  inlineByFingerprint: Map<string, { id: number; path: string; resolved: boolean }>;
}

export function appCommentsIn(comments: readonly CommentInfo[], appUuid: string | undefined): AppComments {
  // The server filter is re-checked here: its combined BBQL query is untested on Bitbucket (bitbucket-api.md §4).
  const own = comments.filter((c) => !c.deleted && (appUuid === undefined || c.user?.uuid === appUuid));
  const postedFingerprints = new Set<string>();
  let inlineCount = 0;
  let aiCount = 0;
  const inlineByFingerprint = new Map<string, { id: number; path: string; resolved: boolean }>();
  let summary: CommentInfo | undefined;
  for (const comment of own) {
    const raw = comment.content?.raw ?? '';
    if (!summary && hasSummaryMarker(raw)) summary = comment;
    const markers = findingMarkersIn(raw);
    if (markers.length > 0) inlineCount += 1;
    if (markers.length > 0 && hasAiMarker(raw)) aiCount += 1;
    for (const fingerprint of markers) {
      postedFingerprints.add(fingerprint);
      if (comment.inline) {
        const resolved = comment.resolution !== undefined && comment.resolution !== null;
        inlineByFingerprint.set(fingerprint, { id: comment.id, path: comment.inline.path, resolved });
      }
    }
  }
  return {
    ...(summary ? { summary } : {}),
    postedFingerprints,
    inlineCount,
    aiCount,
    inlineByFingerprint,
  };
}

/** Lists the app's marked comments (oldest first, so the first summary found is the original one). */
export async function listAppComments(
  api: BitbucketApi,
  target: Pick<PublishTarget, 'repo' | 'pullRequest'>,
  appUuid: string | undefined,
): Promise<AppComments> {
  const comments = await api.comments(target.repo, target.pullRequest.id, {
    ...(appUuid ? { userUuid: appUuid } : {}),
    contains: MARKER_PREFIX,
  });
  return appCommentsIn(comments, appUuid);
}
