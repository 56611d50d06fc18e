/** In-memory activity log: one process sees every run (unit tests; the CLI keeps no activity). */
import type { ActivityEntry } from './activity';
import type { ActivityLog } from './ports';

export function memoryActivityLog(): ActivityLog & { entries(repositoryUuid: string): ActivityEntry[] } {
  const byRepository = new Map<string, ActivityEntry[]>();
  const of = (uuid: string): ActivityEntry[] => {
    const key = uuid.replace(/[{}]/g, '').toLowerCase();
    let list = byRepository.get(key);
    if (!list) byRepository.set(key, (list = []));
    return list;
  };
  // Newest first by end time, as the kvs keys order them; a copy, so a caller cannot edit what is stored.
  const newestFirst = (uuid: string) =>
    [...of(uuid)].sort((a, b) => Date.parse(b.at) - Date.parse(a.at)).map((e) => ({ ...e }));
  return {
    record: (uuid, entry) => Promise.resolve(void of(uuid).push({ ...entry })),
    recent: (uuid, limit) => Promise.resolve(newestFirst(uuid).slice(0, limit)),
    entries: newestFirst,
  };
}
