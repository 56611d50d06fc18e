/** Readable printing of what the demo saw, read back from the emulator — never composed from expectations. */
import type { Emulator, RequestLogEntry } from '../bitbucket-emulator';

export function section(title: string): void {
  console.log(`\n── ${title} ${'─'.repeat(Math.max(0, 72 - title.length))}`);
}

export function printRequests(requests: RequestLogEntry[]): void {
  section(`Bitbucket API calls made by the app (${requests.length})`);
  for (const r of requests) {
    console.log(
      `${r.method.padEnd(6)} ${r.status}  ${decodeURIComponent(r.path)}${r.query ? `?${r.query}` : ''}`,
    );
  }
}

export function printPublished(
  emulator: Emulator,
  where: { workspace: string; repo: string; pullRequestId: number },
): void {
  const pr = emulator.state.pullRequest(where.workspace, where.repo, where.pullRequestId);
  section('What Bitbucket now shows on the pull request');
  if (!pr) {
    console.log('the pull request is gone');
    return;
  }
  const statuses = emulator.state.statuses(where.workspace, where.repo, pr.sourceCommit);
  const reports = emulator.state.reports(where.workspace, where.repo, pr.sourceCommit);
  const comments = emulator.state.comments(where.workspace, where.repo, where.pullRequestId);
  console.log(`build statuses: ${statuses.length}`);
  for (const s of statuses)
    console.log(`  ${String(s.state)}  ${String(s.key)}  ${String(s.description ?? '')}`);
  console.log(`Code Insights reports: ${reports.length}`);
  for (const r of reports) {
    const annotations = emulator.state.annotations(
      where.workspace,
      where.repo,
      pr.sourceCommit,
      String(r.external_id ?? r.uuid),
    );
    console.log(`  ${String(r.result)}  ${String(r.title)}  (${annotations.length} annotations)`);
  }
  console.log(`comments: ${comments.length}`);
  for (const c of comments) {
    const content = c.content as { raw?: string } | undefined;
    console.log(`  ${(content?.raw ?? '').split('\n')[0]}`);
  }
  if (statuses.length + reports.length + comments.length === 0) {
    console.log('(nothing published: analysis and publishing are not wired into the consumer yet)');
  }
}
