/**
 * Queue consumer: runs one pull-request analysis job inside the consumer's budget (manifest timeoutSeconds).
 *
 * Today it confirms the job against Bitbucket — the pull request still exists, its head is still the commit the
 * event named, and the abbreviated hash resolves to a full one — and reports what it found. The analysis and
 * publishing pipeline (src/pipeline/) plugs in here; until then nothing is published and nothing is made up.
 */
import api, { route } from '@forge/api';
import type { AsyncEvent } from '@forge/events';
import { parseJob } from '../pipeline/job';

export type ConsumerOutcome =
  | { action: 'confirmed'; pullRequestId: number; headHash: string }
  | { action: 'superseded' | 'rejected' | 'failed'; reason: string };

async function getJson(path: ReturnType<typeof route>, what: string): Promise<Record<string, unknown>> {
  const res = await api.asApp().requestBitbucket(path);
  if (!res.ok) throw new Error(`Bitbucket answered ${res.status} ${res.statusText} to ${what}`);
  return (await res.json()) as Record<string, unknown>;
}

export async function runAnalysis(event: AsyncEvent): Promise<ConsumerOutcome> {
  const parsed = parseJob(event?.body);
  if (!parsed.ok) {
    console.error(`Lintel dropped a queued job it cannot use: ${parsed.error}`);
    return { action: 'rejected', reason: parsed.error };
  }
  const job = parsed.value;
  const { workspaceUuid: ws, repositoryUuid: repo, pullRequestId: id } = job;
  try {
    const pr = await getJson(
      route`/2.0/repositories/${ws}/${repo}/pullrequests/${id}`,
      `reading pull request #${id}`,
    );
    const head = String((pr.source as { commit?: { hash?: string } } | undefined)?.commit?.hash ?? '');
    // Both hashes are abbreviations of possibly different lengths: compare on the shorter one.
    const n = Math.min(head.length, job.sourceHash.length);
    if (n === 0 || head.slice(0, n) !== job.sourceHash.slice(0, n)) {
      const reason = `pull request #${id} moved from ${job.sourceHash} to ${head}; the newer event will be analysed`;
      console.log(`Lintel skipped a stale job: ${reason}`);
      return { action: 'superseded', reason };
    }
    const commit = await getJson(
      route`/2.0/repositories/${ws}/${repo}/commit/${head}`,
      `resolving commit ${head}`,
    );
    const headHash = String(commit.hash);
    console.log(`Lintel confirmed pull request #${id} at ${headHash}; analysis is not wired in yet`);
    return { action: 'confirmed', pullRequestId: id, headHash };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(`Lintel could not process pull request #${id}: ${reason}`);
    return { action: 'failed', reason };
  }
}
