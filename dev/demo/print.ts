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
  for (const s of statuses)
    console.log(`Build status     ${String(s.state)}  ${String(s.key)}: ${String(s.description ?? '')}`);
  for (const r of reports) {
    const annotations = emulator.state.annotations(
      where.workspace,
      where.repo,
      pr.sourceCommit,
      String(r.external_id ?? r.uuid),
    );
    const data = (r.data as Array<{ title: string; type?: string; value: unknown }> | undefined) ?? [];
    console.log(`Code Insights    ${String(r.result)}  ${String(r.title)}`);
    for (const d of data) {
      const shown = typeof d.value === 'object' ? JSON.stringify(d.value) : String(d.value);
      console.log(`                   ${d.title}: ${shown}${d.type === 'DURATION' ? ' ms' : ''}`);
    }
    console.log(`Annotations      ${annotations.length}`);
    for (const a of annotations) {
      console.log(
        `                   ${String(a.severity).padEnd(8)} ${String(a.path)}:${String(a.line)}  ${String(a.summary)}`,
      );
    }
  }
  const visible = (raw: string) => raw.split('\n').filter((l) => !/^\[lintel:[^\]]*\]:/.test(l));
  for (const c of comments) {
    const raw = (c.content as { raw?: string } | undefined)?.raw ?? '';
    const inline = c.inline as { path?: string; to?: number } | undefined;
    if (inline) {
      console.log(
        `Inline comment   ${inline.path}:${inline.to}  ${visible(raw).find((l) => l.trim()) ?? ''}`,
      );
    } else {
      console.log('Summary comment');
      for (const line of visible(raw)) console.log(`   │ ${line}`);
    }
  }
  if (statuses.length + reports.length + comments.length === 0) console.log('(nothing published)');
}
