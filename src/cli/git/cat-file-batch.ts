import { runGit } from './run-git';

/** One object asked of `git cat-file --batch`: its bytes, or undefined when git reports it missing. */
export type BlobResult =
  { kind: 'blob'; bytes: Buffer } | { kind: 'other'; type: string } | { kind: 'missing' };

/**
 * Reads many `rev:path` objects in one git process. The output is a sequence of
 * `<oid> <type> <size>\n<contents>\n` records, or `<name> missing\n` (git-cat-file(1), BATCH OUTPUT).
 */
export async function readObjects(repo: string, names: readonly string[]): Promise<BlobResult[]> {
  if (names.length === 0) return [];
  const out = await runGit(repo, ['cat-file', '--batch'], names.map((n) => `${n}\n`).join(''));
  const results: BlobResult[] = [];
  let at = 0;
  for (const _ of names) {
    const headerEnd = out.indexOf(0x0a, at);
    if (headerEnd < 0) throw new Error('git cat-file --batch ended early');
    const header = out.subarray(at, headerEnd).toString('utf8');
    at = headerEnd + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
      results.push({ kind: 'missing' });
      continue;
    }
    const [, type = '', sizeText = ''] = header.split(' ');
    const size = Number(sizeText);
    if (!Number.isInteger(size)) throw new Error(`unexpected git cat-file header: ${header}`);
    results.push(
      type === 'blob' ? { kind: 'blob', bytes: out.subarray(at, at + size) } : { kind: 'other', type },
    );
    at += size + 1; // contents are followed by one LF
  }
  return results;
}
