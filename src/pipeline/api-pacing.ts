/**
 * Pacing jobs to the workspace's Bitbucket request budget (docs/rate-limits.md). Each delivery of a job reserves the
 * requests it is about to make before making them (JobBudget.admit) and settles what it spent when it ends; when the
 * budget cannot cover it now, the job is pushed back onto the queue with `delayInSeconds` and says so — build status
 * INPROGRESS "Waiting for API budget", the stored record pending with when it resumes — instead of failing. It never
 * spins (a minute at least between looks) and is never dropped; after a day of waiting it ends with the reason.
 */
import { randomUUID } from 'node:crypto';
import { BitbucketError } from '../bitbucket/errors';
import type { PullRequestInfo, RepoRef } from '../bitbucket/models';
import { statusFor } from '../publish';
import { describeFailure } from '../publish/failures';
import type { Settings } from '../settings/types';
import {
  decideOnBudget,
  mergeSignals,
  requestsLeft,
  type BudgetDecision,
  type SignalRecorder,
} from './api-budget';
import { budgetClock, BUDGET_WAIT_MAX_MS, QUEUE_DELAY_MAX_SECONDS } from './budget-wait';
import { sameCommit } from './commits';
import type { QueuedJob } from './job';
import type { ApiBudgetStore, Clock } from './ports';
import { inAbout } from './retry-policy';
import type { PipelineDeps, RunOutcome, StoredRun } from './types';

/** The workspace's budget and what this invocation's Bitbucket answers said about it (the client's onRateLimit). */
export interface Pacing {
  store: ApiBudgetStore;
  signals: SignalRecorder;
}

export type Wait = Extract<BudgetDecision, { go: false }>;

/** The budget stayed spent for BUDGET_WAIT_MAX_MS: the job ends with this reason (a permanent failure). */
export class ApiBudgetExhaustedError extends Error {
  override readonly name = 'ApiBudgetExhaustedError';
}

/** One delivery's share of the budget: reserved before working, settled with what it spent. */
export class JobBudget {
  private reserved = 0;
  readonly key: string;
  /** The time budget decisions are made at: the invocation's clock, with a wait the job asked for counted as over. */
  private readonly clock: Pick<Clock, 'now'>;

  constructor(
    private readonly pacing: Pacing,
    job: QueuedJob,
    clock: Pick<Clock, 'now'>,
    private readonly spent: () => number,
    private readonly log: (message: string) => void,
  ) {
    this.clock = budgetClock(job.waiting, clock);
    const part = job.kind === 'chunk' ? `c${job.chunk.index}` : 'pr';
    this.key = `${job.repositoryUuid}:${job.pullRequestId}:${part}:${randomUUID()}`;
  }

  readonly now = (): number => this.clock.now();

  /**
   * Whether `needed` more requests fit the budget now; if so they are reserved, so runs that start meanwhile count
   * them. A budget that cannot be read does not hold the job up: Bitbucket's own 429 is the backstop.
   */
  async admit(needed: number): Promise<BudgetDecision> {
    const now = this.clock.now();
    const state = await this.state();
    if (!state) return { go: true };
    const decision = decideOnBudget(state, needed, now);
    if (decision.go) {
      this.reserved = Math.max(this.reserved, this.spent()) + needed;
      await this.write(this.reserved, now);
    }
    return decision;
  }

  /** Like admit, without reserving: whether (and when) `needed` requests would fit. */
  async check(needed: number): Promise<BudgetDecision> {
    const state = await this.state();
    return state ? decideOnBudget(state, needed, this.clock.now()) : { go: true };
  }

  /** The requests that may be started now, for a coordinator spreading its chunks (undefined: unknown, go). */
  async left(): Promise<number | undefined> {
    const state = await this.state();
    return state && requestsLeft(state, this.clock.now());
  }

  /** The reservation becomes what was spent, and what Bitbucket said is shared. Never throws. */
  async settle(): Promise<void> {
    const now = this.clock.now();
    if (this.reserved > 0 || this.spent() > 0) await this.write(this.spent(), now);
    const signals = this.pacing.signals.signals();
    if (Object.keys(signals).length === 0) return;
    try {
      await this.pacing.store.recordSignals(signals);
    } catch (error) {
      this.log(`could not record Bitbucket's rate-limit signals: ${describeFailure(error)}`);
    }
  }

  private async state() {
    try {
      const stored = await this.pacing.store.read();
      // This invocation's own answers are the newest word, even before they are stored.
      return { spends: stored.spends, signals: mergeSignals(stored.signals, this.pacing.signals.signals()) };
    } catch (error) {
      this.log(`could not read the API budget, going ahead: ${describeFailure(error)}`);
      return undefined;
    }
  }

  private async write(requests: number, at: number): Promise<void> {
    try {
      await this.pacing.store.recordSpend(this.key, { at, requests });
    } catch (error) {
      this.log(`could not record this job's API requests: ${describeFailure(error)}`);
    }
  }
}

/** Now for budget decisions: the job's budget clock when it has one (budget-wait.ts budgetClock). */
export const budgetNow = (deps: Pick<PipelineDeps, 'jobBudget' | 'clock'>): number =>
  deps.jobBudget?.now() ?? deps.clock.now();

export const isRateLimited = (error: unknown): boolean =>
  error instanceof BitbucketError && error.kind === 'rate-limited';

/** Seconds until `resumeAt`, within what one queue push can delay (1 minute to Forge's 15). */
export function delayFor(resumeAt: number, now: number): number {
  return Math.min(QUEUE_DELAY_MAX_SECONDS, Math.max(60, Math.ceil((resumeAt - now) / 1000)));
}

/** "Waiting for API budget: <why>; Lintel resumes in about 12 minutes." — for the status, the record, the log. */
export function waitingText(wait: Wait, now: number): string {
  return `Waiting for API budget: ${wait.why}; Lintel resumes in ${inAbout((wait.resumeAt - now) / 1000)}.`;
}

/** Where a waiting whole-pull-request run says so: its head (full hash), the pull request, the settings. */
export interface WaitingHead {
  hash: string;
  repo: RepoRef;
  pullRequest: PullRequestInfo;
  settings: Settings;
}

/**
 * Pushes the job back with a delay and says why. A whole-pull-request job records a pending run (unless a newer
 * run's record is there) and, once it knows its head, sets INPROGRESS "Waiting for API budget"; a chunk only waits
 * (the coordinator's status already says the set is paced). Past BUDGET_WAIT_MAX_MS it throws ApiBudgetExhaustedError.
 */
export async function waitForBudget(
  job: QueuedJob,
  wait: Wait,
  deps: PipelineDeps,
  head?: WaitingHead,
): Promise<RunOutcome> {
  const { api, log } = deps;
  const now = budgetNow(deps);
  const since = job.waiting?.since ?? new Date(now).toISOString();
  if (now - Date.parse(since) >= BUDGET_WAIT_MAX_MS) {
    throw new ApiBudgetExhaustedError(
      `Bitbucket's hourly API limit for this workspace stayed used up for a day (${wait.why})`,
    );
  }
  const queue = deps.chunks?.queue;
  if (!queue) throw new Error('waiting for API budget needs the analysis queue');
  const text = waitingText(wait, now);
  const afterSeconds = delayFor(wait.resumeAt, now);
  const headHash = head?.hash ?? job.waiting?.headHash;
  if (job.kind !== 'chunk')
    await recordWaiting(job, { headHash: headHash ?? job.sourceHash, text, wait }, deps);
  if (head && head.settings.statusChecks) {
    try {
      await api.postBuildStatus(head.repo, head.hash, statusFor(head.pullRequest, 'INPROGRESS', text));
    } catch (error) {
      log(`could not say so in the build status: ${describeFailure(error)}`);
    }
  }
  const headRepo = head && head.repo.repository !== job.repositoryUuid ? head.repo : job.waiting?.headRepo;
  const waiting = {
    since,
    times: (job.waiting?.times ?? 0) + 1,
    until: new Date(now + afterSeconds * 1000).toISOString(),
    ...(headHash ? { headHash } : {}),
    ...(headRepo ? { headRepo: { ...headRepo } } : {}),
  };
  await queue.push([{ ...job, waiting }], { delayInSeconds: afterSeconds });
  log(`${text} (pushed back for ${afterSeconds} s, wait ${waiting.times})`);
  return { action: 'waiting', reason: text, afterSeconds, apiCalls: api.client.calls };
}

/**
 * A waiting job whose pull request moved on while it waited: nothing is analysed, and the status it set on its head
 * (if it got that far) stops instead of spinning.
 */
export async function stopSupersededWait(
  job: Extract<QueuedJob, { kind?: 'pull-request' }>,
  deps: PipelineDeps,
  pullRequest: PullRequestInfo,
): Promise<RunOutcome> {
  const { api, log } = deps;
  const head = job.waiting?.headHash;
  if (head) {
    const repo = job.waiting?.headRepo ?? { workspace: job.workspaceUuid, repository: job.repositoryUuid };
    try {
      await api.postBuildStatus(
        repo,
        head,
        statusFor(pullRequest, 'STOPPED', 'Superseded by a newer commit.'),
      );
    } catch (error) {
      log(`could not stop the waiting status: ${describeFailure(error)}`);
    }
  }
  const reason = `${job.sourceHash.slice(0, 12)} waited for API budget, and a newer run has started since`;
  return { action: 'superseded', reason, apiCalls: api.client.calls };
}

/**
 * Whether a newer run owns the pull request's record: another head pending, or analysed after this job was queued.
 * A waiting job that finds one was superseded while it waited.
 */
export function newerRunRecorded(
  job: { receivedAt: string; sourceHash: string },
  stored: StoredRun | undefined,
): boolean {
  if (!stored || sameCommit(stored.headHash, job.sourceHash)) return false;
  if (stored.state === 'pending') return true;
  return Date.parse(stored.analysedAt ?? '') >= Date.parse(job.receivedAt);
}

async function recordWaiting(
  job: Extract<QueuedJob, { kind?: 'pull-request' }>,
  at: { headHash: string; text: string; wait: Wait },
  deps: PipelineDeps,
): Promise<void> {
  const { store, log } = deps;
  try {
    const stored = await store.get(job.repositoryUuid, job.pullRequestId);
    if (newerRunRecorded(job, stored)) return;
    await store.set(job.repositoryUuid, job.pullRequestId, {
      state: 'pending',
      headHash: at.headHash,
      summary: at.text,
      waitingUntil: new Date(at.wait.resumeAt).toISOString(),
    });
  } catch (error) {
    log(`could not record the wait: ${describeFailure(error)}`);
  }
}
