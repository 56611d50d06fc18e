/**
 * Which model answers, chosen from what `list()` reports for this installation: model ids come and go (Atlassian
 * adds and deprecates them, forge-platform.md §8), so none is hard-coded. The order is documented in docs/ai.md:
 * the fastest family first, because a review comment has to arrive inside the consumer's time budget; within a
 * family the newest version; deprecated models never.
 */

/** Claude families, preferred first. A model of another family is used only when none of these is active. */
export const MODEL_FAMILY_PREFERENCE = ['haiku', 'sonnet', 'opus'] as const;

export interface ListedModel {
  model: string;
  status: string;
}

/** The numbers in a model id, for ordering versions: `claude-haiku-4-5-20251001` → [4, 5, 20251001]. */
function versionOf(model: string): number[] {
  return (model.match(/\d+/g) ?? []).map(Number);
}

function newerFirst(a: string, b: string): number {
  const va = versionOf(a);
  const vb = versionOf(b);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const diff = (vb[i] ?? -1) - (va[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The model to use, or undefined when the list holds no active model (AI is then unavailable). */
export function chooseModel(models: readonly ListedModel[]): string | undefined {
  const active = models
    .filter((m) => m.status === 'active' && typeof m.model === 'string' && m.model.length > 0)
    .map((m) => m.model);
  for (const family of MODEL_FAMILY_PREFERENCE) {
    const inFamily = active.filter((m) => m.toLowerCase().includes(family)).sort(newerFirst);
    if (inFamily[0]) return inFamily[0];
  }
  return [...active].sort(newerFirst)[0];
}
