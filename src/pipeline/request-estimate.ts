/**
 * How many Bitbucket requests a job is about to make, from what it knows before making them (bitbucket-api.md §8,
 * "Budget per analysis"). Estimates err high: a job that waits a little early costs minutes, one that runs out
 * half-way costs its work. The fetch part follows the fetch path (src/pipeline/read-whole-files.ts): change it with it.
 */
import type { Settings } from '../settings/types';
import { DIFF_FILES_PER_REQUEST } from './diff-batches';

/** Before the size is known: head lookup, `.lintel.yml`, the draft check, INPROGRESS, the diffstat. */
export const RUN_START_REQUESTS = 5;
/** Files read on their own (`src`) because their diff cannot carry them whole: rare; one in fifty is allowed for. */
const SEPARATE_READ_SHARE = 1 / 50;
/** The merge base, read when a base text cannot be rebuilt from the diff. */
const MERGE_BASE_REQUESTS = 1;
/** Publishing: the pull request again, report DELETE + PUT, the comments listing, the summary comment, the status. */
export const PUBLISH_REQUESTS = 6;
/** Annotations go 100 per request, at most 1,000 per report. */
const ANNOTATION_REQUESTS_MAX = 10;
/** A chunk's own reads besides its diffs: its settings when the plan has none, and the merge base. */
const CHUNK_FIXED_REQUESTS = 2;

/** Full-context diffs, one per DIFF_FILES_PER_REQUEST files, and the files a diff cannot carry whole. */
export function fetchRequests(files: number): number {
  return Math.ceil(files / DIFF_FILES_PER_REQUEST) + Math.ceil(files * SEPARATE_READ_SHARE);
}

type PublishSettings = Pick<Settings, 'inlineCommentLimit'>;

/** Findings are not known before analysing: one annotation request per 10 files, up to the report's cap. */
const annotationRequests = (files: number): number =>
  Math.min(ANNOTATION_REQUESTS_MAX, Math.ceil(files / 10));

/** What publishing costs, inline comments (one request each, up to the setting) included. */
export function publishRequests(files: number, settings: PublishSettings): number {
  return PUBLISH_REQUESTS + annotationRequests(files) + settings.inlineCommentLimit;
}

/** A whole-pull-request run over `files` analysable files, after RUN_START_REQUESTS are spent. */
export function wholeRunRequests(files: number, settings: PublishSettings): number {
  return MERGE_BASE_REQUESTS + fetchRequests(files) + publishRequests(files, settings);
}

/** One chunk job of `files` files; the chunk that completes the set publishes, which its own reservation adds. */
export function chunkRequests(files: number): number {
  return CHUNK_FIXED_REQUESTS + fetchRequests(files);
}
