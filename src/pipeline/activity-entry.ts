/**
 * One line of the repository page's activity list (docs/settings.md, "Activity"). Type only: the settings page
 * imports it through src/forge/resolvers/types.ts.
 */
export interface ActivityEntry {
  /** ISO time the run ended. */
  at: string;
  pullRequestId: number;
  /** Commit analysed (or asked for), abbreviated to 12 characters. */
  commit: string;
  /**
   * passed / failed: the gate's verdict was published. not-analysed: filtered by settings (branch, draft), nothing
   * to analyse, or published with files not analysed (docs/gate.md). error: the run stopped with `reason`. retrying:
   * a passing failure, Forge delivers the job again, or the job waits for Bitbucket API budget (docs/rate-limits.md).
   * superseded / duplicate: a newer head or an earlier run made this one unnecessary. chunked: split into chunk jobs.
   */
  outcome:
    'passed' | 'failed' | 'not-analysed' | 'error' | 'retrying' | 'superseded' | 'duplicate' | 'chunked';
  durationMs: number;
  /** Bitbucket API requests the run made. */
  apiCalls: number;
  /** Why, in words, for every outcome but passed and failed (and for those when the publish partly failed). */
  reason?: string;
}
