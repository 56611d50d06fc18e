/**
 * Parsing of Forge's Bitbucket pull-request events into the few facts Lintel needs. Events come from outside, so
 * every field is checked and a malformed event yields a message naming the field, never a crash.
 * Payload shape: ../shared/docs/forge-platform.md §1 (hashes are 12-character abbreviations, UUIDs are braced).
 */

export type PullRequestEventKind = 'created' | 'updated' | 'fulfilled' | 'rejected';

const EVENT_KINDS: Record<string, PullRequestEventKind> = {
  'avi:bitbucket:created:pullrequest': 'created',
  'avi:bitbucket:updated:pullrequest': 'updated',
  'avi:bitbucket:fulfilled:pullrequest': 'fulfilled',
  'avi:bitbucket:rejected:pullrequest': 'rejected',
};

export interface PullRequestRef {
  workspaceUuid: string;
  repositoryUuid: string;
  pullRequestId: number;
}

export interface PullRequestEvent extends PullRequestRef {
  kind: PullRequestEventKind;
  /**
   * The repository's project (`project.uuid`), whose settings sit between the workspace's and the repository's.
   * Undefined for an event without `project` (events from before Forge sent it).
   */
  projectUuid?: string;
  selfGenerated: boolean;
  /** Abbreviated source head as sent by Bitbucket; resolve before writing reports or statuses. */
  sourceHash: string;
  sourceBranch: string;
  destinationHash: string;
  destinationBranch: string;
  timestamp: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function field(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (isObject(node) ? node[key] : undefined), root);
}

function text(root: unknown, path: string, problems: string[]): string {
  const v = field(root, path);
  if (typeof v === 'string' && v.length > 0) return v;
  problems.push(`${path} must be a non-empty string (got ${describe(v)})`);
  return '';
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  return Array.isArray(v) ? 'an array' : `a ${typeof v}`;
}

/** A Bitbucket commit hash as events and REST objects carry it: 7 to 40 hex characters. */
const COMMIT_HASH = /^[0-9a-f]{7,40}$/i;

export function parsePullRequestEvent(event: unknown): Parsed<PullRequestEvent> {
  if (!isObject(event)) return { ok: false, error: `the event is ${describe(event)}, not an object` };
  const eventType = event.eventType;
  const kind = typeof eventType === 'string' ? EVENT_KINDS[eventType] : undefined;
  if (!kind) {
    return {
      ok: false,
      error: `unsupported event type ${JSON.stringify(eventType)}; Lintel handles pull-request events only`,
    };
  }
  const problems: string[] = [];
  const parsed: PullRequestEvent = {
    kind,
    selfGenerated: event.selfGenerated === true,
    workspaceUuid: text(event, 'workspace.uuid', problems),
    repositoryUuid: text(event, 'repository.uuid', problems),
    pullRequestId: Number(field(event, 'pullrequest.id')),
    sourceHash: text(event, 'pullrequest.source.commit.hash', problems),
    sourceBranch: text(event, 'pullrequest.source.branch', problems),
    destinationHash: text(event, 'pullrequest.destination.commit.hash', problems),
    destinationBranch: text(event, 'pullrequest.destination.branch', problems),
    timestamp: typeof event.timestamp === 'string' ? event.timestamp : '',
  };
  // Optional, but when Bitbucket names a project it must be usable: a broken one would silently skip its settings.
  if (event.project !== undefined) {
    const projectUuid = text(event, 'project.uuid', problems);
    if (projectUuid) parsed.projectUuid = projectUuid;
  }
  if (!Number.isInteger(parsed.pullRequestId) || parsed.pullRequestId < 1) {
    problems.push(
      `pullrequest.id must be a positive integer (got ${JSON.stringify(field(event, 'pullrequest.id'))})`,
    );
  }
  for (const key of ['sourceHash', 'destinationHash'] as const) {
    if (parsed[key] && !COMMIT_HASH.test(parsed[key]))
      problems.push(`${key} ${JSON.stringify(parsed[key])} is not a commit hash`);
  }
  if (problems.length > 0)
    return { ok: false, error: `malformed ${eventType} event: ${problems.join('; ')}` };
  return { ok: true, value: parsed };
}
