/**
 * One pull-request run: confirm the job is current, analyse what the change adds, evaluate the gate, publish, and
 * store the verdict for the merge check and the panel. Every exit leaves Bitbucket consistent: an unrecoverable
 * error turns the INPROGRESS status into STOPPED with the reason, never leaving it spinning. A pull request past
 * the size budget is split into chunk jobs instead (docs/large-pull-requests.md).
 */
import type { DiffstatEntry, RepoRef } from '../bitbucket/models';
import type { SkipReason } from '../engine/types';
import { ignoreMatcher } from '../settings/ignore-matcher';
import { memoryChunkStore } from './chunk-store';
import type { ChunkPorts } from './ports';
import { memo } from './concurrency';
import { classifyDiffstat, fetchChange } from './fetch-change';
import { readSeparatelyNotice } from './read-separately';
import { locateHead } from './head-repository';
import type { AnalysisJob, ChunkFile, ChunkJob } from './job';
import { changedLinesByPath, chunkModeReason, DEFAULT_LARGE_PR_BUDGET, type LargePrBudget } from './large-pr';
import { publishVerdict, pullRequestFromJob, reportRunFailure, sameCommit } from './publish-run';
import { chunkModeAfterTimeout } from './retry-policy';
import { runDeadline } from './run-budget';
import { reviewWindowsFor } from './review-windows';
import { runChunk } from './run-chunk';
import { startChunks, type ChunkStart } from './start-chunks';
import { publishInProgress, statusFor } from '../publish';
import { pullRequestSkip } from '../settings/pull-request-filter';
import type { Settings } from '../settings/types';
import { effectiveSettingsFor } from './effective-settings';
import type { PipelineDeps, RunOutcome, StoredRun } from './types';
import { rateLimitedDecision } from './api-budget';
import {
  budgetNow,
  delayFor,
  isRateLimited,
  newerRunRecorded,
  stopSupersededWait,
  waitForBudget,
  waitingText,
} from './api-pacing';
import { describeFailure } from '../publish/failures';
import { chunkRequests, RUN_START_REQUESTS, wholeRunRequests } from './request-estimate';

export { sameCommit } from './publish-run';

const OUT_OF_TIME = "reading and analysing the change did not finish within the consumer's time budget";

type Admitted = {
  headHash: string;
  /** Where the head lives: `repo`, or the fork a pull request comes from (src/pipeline/head-repository.ts). */
  headRepo: RepoRef;
  previous: StoredRun | undefined;
};

/**
 * A "Re-analyse" job (src/forge/resolvers/reanalyze.ts) runs although its head was analysed, unless a run on that head
 * ended after the request: then it is this job redelivered, and the result it asked for is already there.
 */
function reanalysisStillDue(job: AnalysisJob, previous: StoredRun): boolean {
  const requested = job.reanalysis?.requestedAt;
  if (!requested) return false;
  return !(previous.analysedAt && Date.parse(previous.analysedAt) >= Date.parse(requested));
}

/**
 * A head that was not fully analysed (docs/gate.md) is analysed again by a job queued after that verdict (an edit of
 * the pull request); a redelivery of the job that produced the verdict is still a duplicate.
 */
function incompleteRunRedone(job: AnalysisJob, previous: StoredRun): boolean {
  return (
    previous.incomplete !== undefined && Date.parse(job.receivedAt) > Date.parse(previous.analysedAt ?? '')
  );
}

/** Whether this job still deserves a run: not already analysed or queued in chunks, and its commit still exists. */
async function admitJob(job: AnalysisJob, repo: RepoRef, deps: PipelineDeps): Promise<Admitted | RunOutcome> {
  const { api, store } = deps;
  const apiCalls = api.client.calls;
  const id = job.pullRequestId;
  const previous = await store.get(job.repositoryUuid, id);
  if (
    previous?.state === 'done' &&
    sameCommit(previous.headHash, job.sourceHash) &&
    !reanalysisStillDue(job, previous) &&
    !incompleteRunRedone(job, previous)
  ) {
    // A redelivered or duplicated event: the result for this head is already published.
    return {
      action: 'duplicate',
      reason: `${previous.headHash.slice(0, 12)} was already analysed`,
      apiCalls,
    };
  }
  const located = await locateHead(api, repo, job);
  if (!located.found) {
    if (located.action === 'failed') {
      // Nothing can be written on a commit Lintel cannot read; the merge check and the panel show the reason.
      const summary = `Lintel could not analyse this pull request: ${located.reason}.`;
      const analysedAt = new Date(deps.clock.now()).toISOString();
      await store.set(job.repositoryUuid, id, {
        state: 'error',
        headHash: job.sourceHash,
        summary,
        analysedAt,
      });
    }
    return { action: located.action, reason: located.reason, apiCalls: api.client.calls };
  }
  const { headHash, headRepo } = located;
  if (located.fork) deps.log(`pull request #${id} comes from the fork ${located.fork}`);
  const planned = await deps.chunks?.store.plan({ repositoryUuid: job.repositoryUuid, pullRequestId: id });
  if (planned?.queued && planned.headHash === headHash) {
    // A redelivered job whose chunks are already queued: they publish; queuing them again would double the work.
    const reason = `${headHash.slice(0, 12)} is already queued in chunks`;
    return { action: 'duplicate', reason, apiCalls: api.client.calls };
  }
  return { headHash, headRepo, previous };
}

interface ChangeList {
  diffstat: DiffstatEntry[];
  wanted: ChunkFile[];
  skipped: SkipReason[];
  /** Why the pull request is analysed in chunks, when it is. */
  chunkReason?: string;
}

/**
 * The diffstat first: it lists every file cheaply and decides whether one run can analyse the change. The files'
 * text comes after, from full-context diffs (fetch-change.ts); a diff Bitbucket cannot build (555) is read in
 * `path=` slices by the same run, so a 555 no longer needs chunk mode.
 */
async function readChangeList(
  deps: PipelineDeps,
  target: { repo: RepoRef; headHash: string; destinationHash: string; fork?: RepoRef },
  isIgnored: (path: string) => boolean,
  budget: LargePrBudget,
  forcedChunkReason?: string,
): Promise<ChangeList> {
  const { repo, headHash, destinationHash, fork } = target;
  const diffstat = await deps.api.diffstat(repo, headHash, destinationHash, fork);
  const { wanted, skipped } = classifyDiffstat(diffstat, isIgnored);
  if (wanted.length === 0) return { diffstat, wanted, skipped };
  const chunkReason = forcedChunkReason ?? chunkModeReason(diffstat, budget);
  return { diffstat, wanted, skipped, ...(chunkReason ? { chunkReason } : {}) };
}

/**
 * The settings leave this pull request alone (its destination branch is not selected, or it is a draft and drafts
 * are skipped): nothing is published, and the stored record says why, so the merge check lets it merge and the panel
 * says "not analysed" with the reason. The draft flag is only in the pull request itself, so it costs one read, and
 * only when drafts are skipped.
 */
async function filteredOut(
  job: AnalysisJob,
  repo: RepoRef,
  settings: Settings,
  deps: PipelineDeps,
): Promise<RunOutcome | undefined> {
  const filter = settings.pullRequests;
  // Switched off: no read at all. Otherwise the draft flag costs one read, and only when drafts are skipped.
  const readDraft = filter.enabled && filter.skipDrafts;
  const draft = readDraft ? (await deps.api.pullRequest(repo, job.pullRequestId)).draft : undefined;
  const skip = pullRequestSkip(filter, {
    destinationBranch: job.destinationBranch,
    ...(draft !== undefined ? { draft } : {}),
  });
  if (!skip) return undefined;
  const reason = `Lintel does not analyse this pull request: ${skip.reason}.`;
  deps.log(`pull request #${job.pullRequestId}: ${reason}`);
  await deps.store.set(job.repositoryUuid, job.pullRequestId, {
    state: 'not-analysed',
    headHash: job.sourceHash,
    summary: reason,
    notAnalysed: skip.kind,
    analysedAt: new Date(deps.clock.now()).toISOString(),
  });
  return { action: 'not-analysed', reason, apiCalls: deps.api.client.calls };
}

export async function runPullRequest(job: AnalysisJob, deps: PipelineDeps): Promise<RunOutcome> {
  const { api, store } = deps;
  const repo: RepoRef = { workspace: job.workspaceUuid, repository: job.repositoryUuid };
  const id = job.pullRequestId;
  const started = deps.clock.now();
  // Reading and analysing stop early enough to report; a run that does not fit is retried in chunks (run-budget.ts).
  const deadline = runDeadline(deps.clock.remainingMs(), () => deps.clock.now(), OUT_OF_TIME);
  // A job that waited for API budget first checks that no newer push took the pull request over meanwhile.
  if (job.waiting && newerRunRecorded(job, await store.get(job.repositoryUuid, id))) {
    return stopSupersededWait(
      job,
      deps,
      pullRequestFromJob({ ...job, sourceHash: job.waiting.headHash ?? job.sourceHash }),
    );
  }
  // Nothing is asked of Bitbucket that the workspace's hourly budget cannot cover now (docs/rate-limits.md).
  const opening = await deps.jobBudget?.admit(RUN_START_REQUESTS);
  if (opening && !opening.go) return waitForBudget(job, opening, deps);
  const admitted = await admitJob(job, repo, deps);
  if ('action' in admitted) return admitted;
  const { headHash, headRepo, previous } = admitted;
  // A fork's head is read from the fork and its diff named with it; comments stay on the destination's PR.
  const fork = headRepo === repo ? undefined : headRepo;

  // The job names the pull request well enough for the INPROGRESS status; its full record is read just before
  // publishing, which is also where a moved head is caught — so no read is spent up front.
  const pullRequest = pullRequestFromJob(job);
  const common = {
    repositoryUuid: job.repositoryUuid,
    repo,
    headRepo,
    pullRequestId: id,
    headHash,
    pullRequest,
  };
  // Read once per run (stored layers and the destination's .lintel.yml); chunk jobs get this snapshot in their plan.
  const { settings, notices } = await effectiveSettingsFor(
    {
      repo,
      ...(job.projectUuid ? { projectUuid: job.projectUuid } : {}),
      destinationHash: job.destinationHash,
    },
    deps,
  );
  const filtered = await filteredOut(job, repo, settings, deps);
  if (filtered) return filtered;
  // Lintel records every head it starts on before publishing there: no record means no report to clear.
  const firstReportOnCommit =
    store.authoritative === true && !(previous && sameCommit(previous.headHash, headHash));
  try {
    await store.set(job.repositoryUuid, id, { state: 'pending', headHash });
    await publishInProgress(api, { repo: headRepo, pullRequest, commit: headHash }, settings);

    const isIgnored = ignoreMatcher(settings.ignore);
    const budget = deps.budget ?? DEFAULT_LARGE_PR_BUDGET;
    const list = await deadline.within(() =>
      readChangeList(
        deps,
        { repo, headHash, destinationHash: job.destinationHash, ...(fork ? { fork } : {}) },
        isIgnored,
        budget,
        chunkModeAfterTimeout(deps.attempt),
      ),
    );
    const waitingHead = { hash: headHash, repo: headRepo, pullRequest, settings };
    if (list.chunkReason) {
      deps.log(`pull request #${id} goes to chunk mode: ${list.chunkReason}`);
      const start: ChunkStart = {
        job,
        repo,
        ...(fork ? { fork } : {}),
        headHash,
        wanted: list.wanted,
        skipped: list.skipped,
        reason: list.chunkReason,
        budget,
        linesByPath: changedLinesByPath(list.diffstat),
        startedAt: new Date(started),
        firstReportOnCommit,
        settings,
        notices,
        apiCalls: () => api.client.calls,
        ...(await chunkPace(deps, list.wanted.length, budget, waitingHead)),
      };
      return deps.chunks
        ? await startChunks(start, deps.chunks, deps.log)
        : await runChunksInline(start, deps);
    }

    // Now that the size is known, the rest of the run must fit the budget too, or the run waits before reading.
    const rest = await deps.jobBudget?.admit(wholeRunRequests(list.wanted.length, settings));
    if (rest && !rest.go) return await waitForBudget(job, rest, deps, waitingHead);
    const source = {
      repo,
      ...(fork ? { fork } : {}),
      headHash,
      destinationHash: job.destinationHash,
      mergeBase: memo(() => api.mergeBase(headRepo, headHash, job.destinationHash)),
    };
    const change = await deadline.within(() => fetchChange(api, source, isIgnored, list.diffstat));
    const analysis = await deadline.within(() =>
      deps.analyzeChange(change, { thresholds: settings.thresholds, disabledRules: settings.disabledRules }),
    );
    // Files the pipeline skipped before analysis (deleted, binary, ignored) are reported with the engine's own.
    const reported = { ...analysis, skipped: [...change.skipped, ...analysis.skipped] };
    const readNotice = readSeparatelyNotice(change.readSeparately);
    const verdictInput = {
      ...common,
      settings,
      notices: readNotice ? [...notices, readNotice] : notices,
      analysis: reported,
      gateFacts: analysis,
      // The code the AI review may show the model, redacted, cut while the head files are at hand (docs/ai.md).
      ...(settings.aiComments ? { codeWindows: reviewWindowsFor(analysis, change.head) } : {}),
    };
    return await publishVerdict(
      { ...verdictInput, changedLines: change.changedLines, startedAt: started, firstReportOnCommit },
      deps,
    );
  } catch (thrown) {
    let error = thrown;
    // Bitbucket refused requests past the client's retries: the run waits for budget instead of failing.
    if (deps.jobBudget && isRateLimited(error)) {
      const head = { hash: headHash, repo: headRepo, pullRequest, settings };
      try {
        return await waitForBudget(job, rateLimitedDecision(budgetNow(deps)), deps, head);
      } catch (waitError) {
        error = waitError;
      }
    }
    return reportRunFailure(error, { ...common, settings, receivedAt: job.receivedAt }, deps);
  }
}

/**
 * How a coordinator spreads its chunk jobs over the budget: as many as fit now start now, the rest are pushed with a
 * delay (and each chunk checks again when it starts), and the status says the set is waiting for API budget.
 */
async function chunkPace(
  deps: PipelineDeps,
  files: number,
  budget: LargePrBudget,
  head: {
    hash: string;
    repo: RepoRef;
    pullRequest: ReturnType<typeof pullRequestFromJob>;
    settings: Settings;
  },
): Promise<Pick<ChunkStart, 'pace'>> {
  const jobBudget = deps.jobBudget;
  if (!jobBudget) return {};
  const perChunk = chunkRequests(Math.min(files, budget.filesPerChunk));
  const chunks = Math.ceil(files / budget.filesPerChunk);
  const left = await jobBudget.left();
  if (left === undefined || left >= perChunk * chunks) return {};
  const startNow = Math.floor(left / perChunk);
  const wait = await jobBudget.check(perChunk * chunks);
  if (wait.go) return {};
  const now = budgetNow(deps);
  const laterSeconds = delayFor(wait.resumeAt, now);
  const text = `${waitingText(wait, now)} ${startNow} of ${chunks} chunks start now.`;
  if (head.settings.statusChecks) {
    try {
      await deps.api.postBuildStatus(head.repo, head.hash, statusFor(head.pullRequest, 'INPROGRESS', text));
    } catch (error) {
      deps.log(`could not say so in the build status: ${describeFailure(error)}`);
    }
  }
  deps.log(text);
  return { pace: { startNow, laterSeconds } };
}

/**
 * Without a queue (the CLI), the chunk jobs run here one after another over a memory store: the same code path as
 * on Forge, minus the invocation boundaries. The outcome is the publishing chunk's.
 */
async function runChunksInline(start: ChunkStart, deps: PipelineDeps): Promise<RunOutcome> {
  const queued: ChunkJob[] = [];
  const chunks: ChunkPorts = {
    store: memoryChunkStore(),
    queue: {
      // Only chunk jobs are pushed here: the CLI has no API budget to wait for (docs/rate-limits.md).
      push: (jobs) =>
        Promise.resolve(void queued.push(...jobs.filter((j): j is ChunkJob => j.kind === 'chunk'))),
    },
  };
  let outcome = await startChunks(start, chunks, deps.log);
  for (const job of queued) {
    const chunkOutcome = await runChunk(job, { ...deps, chunks });
    if (chunkOutcome.action !== 'chunk-done') outcome = chunkOutcome;
  }
  return outcome;
}
