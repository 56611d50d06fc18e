/**
 * The summary's word on files read on their own: the diff could not carry them whole, so each cost its own `src`
 * reads. They were analysed like the rest — this is no skip — but the summary says so, because those reads count
 * against the workspace's API budget and a reviewer may wonder why a run took more calls than usual.
 */
import type { SkipReason } from '../engine/types';

/** Paths named in the notice; the rest are counted. */
export const READ_SEPARATELY_NAMED_MAX = 5;

/** One sentence for the summary's notices, or undefined when every file came from the diff. */
export function readSeparatelyNotice(
  entries: readonly SkipReason[],
  count = entries.length,
): string | undefined {
  if (count === 0) return undefined;
  const named = entries.slice(0, READ_SEPARATELY_NAMED_MAX).map((e) => `${e.path} (${e.reason})`);
  const more = count - named.length;
  const files = count === 1 ? '1 file was' : `${count} files were`;
  return `${files} read from Bitbucket on their own, because the diff could not carry them whole: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}. They were analysed as usual.`;
}
