/**
 * The sentence that says what a run did not analyse (docs/gate.md), for statuses, stored records and the panel. A
 * leaf with no runtime imports: the panel's resolver uses it without loading the gate.
 */
import type { NotAnalysed } from './types';

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** "3 files were not analysed (its chunk failed: HTTP 500)": one sentence for statuses and stored records. */
export function notAnalysedText(notAnalysed: NotAnalysed): string {
  const what = `${plural(notAnalysed.files, 'file was', 'files were')} not analysed`;
  return notAnalysed.reasons.length > 0 ? `${what} (${notAnalysed.reasons.join('; ')})` : what;
}
