/** Plain-text account of a `lintel pr` run for the terminal or a Pipelines log. */
import type { RunOutcome } from '../../pipeline/types';
import type { RecordedWrite } from './dry-run-transport';

export function describeOutcome(
  outcome: RunOutcome,
  where: { workspace: string; repo: string; pr: number },
): string {
  const pr = `${where.workspace}/${where.repo} pull request #${where.pr}`;
  if (outcome.action !== 'published')
    return `lintel: ${pr}: ${outcome.action}: ${outcome.reason} (${outcome.apiCalls} API calls)\n`;
  const o = outcome.outcome;
  const lines = [
    `lintel: ${pr} at ${outcome.headHash.slice(0, 12)}: quality gate ${outcome.passed ? 'PASSED' : 'FAILED'}`,
    `  published: ${o.published.join(', ') || 'nothing'}`,
    ...o.skipped.map((s) => `  skipped ${s.part}: ${s.reason}`),
    ...o.failed.map((f) => `  FAILED ${f.part}: ${f.message}`),
    `  annotations ${o.annotations.published}/${o.annotations.total}; summary comment ${o.summaryComment ?? 'none'}; ` +
      `inline comments ${o.inlineComments.posted} new, ${o.inlineComments.alreadyPosted} already posted`,
    `  ${outcome.apiCalls} API calls`,
  ];
  return `${lines.join('\n')}\n`;
}

/** What a dry run would have written, one line per request with the part of the body a reviewer cares about. */
export function describeWrites(writes: readonly RecordedWrite[]): string {
  const lines = ['', `dry run: ${writes.length} write(s) not sent:`];
  for (const w of writes) {
    const body = w.body as Record<string, unknown> | unknown[] | undefined;
    let gist = '';
    if (Array.isArray(body)) gist = `${body.length} annotation(s)`;
    else if (body && typeof body === 'object') {
      const content = (body.content as { raw?: string } | undefined)?.raw;
      gist =
        content !== undefined
          ? firstVisibleLine(content)
          : String(body.state ?? body.result ?? body.title ?? '');
    }
    lines.push(`  ${w.method.padEnd(6)} ${w.path}${gist ? `  — ${gist}` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}

function firstVisibleLine(raw: string): string {
  return raw.split('\n').find((l) => l.trim() && !/^\[lintel:[^\]]*\]:/.test(l)) ?? '';
}
