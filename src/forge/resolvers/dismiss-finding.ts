/**
 * The findings dialog's actions: dismiss one finding of Lintel's latest result with a reason, or restore it. Only
 * people who can write to the repository may (checked as the caller with `asUser()`); the dismissal records the
 * account Forge names, never one from the page. A dismissed finding is left out of every later run on this pull
 * request (src/pipeline/dismissed-findings.ts) and counted in the summary comment.
 */
import {
  DISMISSAL_REASON_MAX_CHARS,
  DISMISSALS_PER_PULL_REQUEST_MAX,
  FINGERPRINT_PATTERN,
} from '../../pipeline/dismissal';
import { kvsDismissalStore } from '../dismissal-store';
import { isObject } from './json-object';
import { readPanelView, storedRunOf } from './panel-view-reader';
import { pullRequestWriterOf, type PullRequestWriter } from './pull-request-writer';
import type { ResolverRequest } from './resolver-request';
import { ResolverInputError } from './resolverError';
import type { AccessRefused, PanelActionResult } from './types';

/** The caller, if they may dismiss and restore findings on this pull request. */
const writerOf = (request: ResolverRequest, action: string) =>
  pullRequestWriterOf(
    request,
    (id) => `${action} on pull request #${id}`,
    'Only a signed-in person can dismiss or restore findings.',
  );

function fingerprintIn(payload: unknown): string {
  const fingerprint = isObject(payload) ? payload.fingerprint : undefined;
  if (typeof fingerprint !== 'string' || !FINGERPRINT_PATTERN.test(fingerprint)) {
    throw new ResolverInputError(
      'The request names no finding: fingerprint must be the 16-character id of a finding Lintel reported.',
    );
  }
  return fingerprint;
}

async function refusedWith(
  writer: PullRequestWriter,
  reason: 'invalid' | 'limit',
  message: string,
): Promise<PanelActionResult> {
  return { done: false, reason, message, view: await readPanelView(writer.pr, writer.accountId) };
}

export async function dismissFinding(request: ResolverRequest): Promise<PanelActionResult | AccessRefused> {
  const writer = await writerOf(request, 'dismiss findings');
  if ('access' in writer) return writer;
  const fingerprint = fingerprintIn(request.payload);
  const rawReason = isObject(request.payload) ? request.payload.reason : undefined;
  const reason = typeof rawReason === 'string' ? rawReason.replace(/\s+/g, ' ').trim() : '';
  if (reason === '') {
    return refusedWith(writer, 'invalid', 'Say why the finding can be dismissed: reviewers read the reason.');
  }
  if (reason.length > DISMISSAL_REASON_MAX_CHARS) {
    return refusedWith(
      writer,
      'invalid',
      `The reason has ${reason.length} characters; at most ${DISMISSAL_REASON_MAX_CHARS} fit.`,
    );
  }
  const { repositoryUuid, pullRequestId } = writer.pr;
  const stored = await storedRunOf(writer.pr);
  const finding =
    stored.found && stored.ok ? stored.run.findings?.find((f) => f.fingerprint === fingerprint) : undefined;
  if (!finding) {
    return refusedWith(
      writer,
      'invalid',
      "That finding is not in Lintel's latest result for this pull request (a newer analysis may have replaced " +
        'it). The list now shows the latest result.',
    );
  }
  const existing = await kvsDismissalStore.list(repositoryUuid, pullRequestId);
  const already = existing.some((d) => d.fingerprint === fingerprint);
  if (!already && existing.length >= DISMISSALS_PER_PULL_REQUEST_MAX) {
    return refusedWith(
      writer,
      'limit',
      `This pull request already has ${existing.length} dismissed findings, the most Lintel keeps. Fix the ` +
        'rest, silence them in code with a lintel-disable comment and a reason, or change the rule in the settings.',
    );
  }
  await kvsDismissalStore.put(repositoryUuid, pullRequestId, {
    fingerprint,
    ruleId: finding.ruleId,
    severity: finding.severity,
    path: finding.path,
    line: finding.line,
    message: finding.message,
    reason,
    accountId: writer.accountId,
    ...(writer.displayName ? { displayName: writer.displayName } : {}),
    at: new Date().toISOString(),
  });
  console.log(
    `Lintel: ${writer.accountId} dismissed a ${finding.ruleId} finding on pull request #${pullRequestId}`,
  );
  return {
    done: true,
    message:
      `Dismissed ${finding.path}:${finding.line} (${finding.ruleId}). The next analysis of this pull request leaves it out of the ` +
      'report, the comments and the gate; select Re-analyse in the panel to apply it now.',
    view: await readPanelView(writer.pr, writer.accountId),
  };
}

export async function restoreFinding(request: ResolverRequest): Promise<PanelActionResult | AccessRefused> {
  const writer = await writerOf(request, 'restore dismissed findings');
  if ('access' in writer) return writer;
  const fingerprint = fingerprintIn(request.payload);
  const { repositoryUuid, pullRequestId } = writer.pr;
  const existing = await kvsDismissalStore.list(repositoryUuid, pullRequestId);
  const dismissal = existing.find((d) => d.fingerprint === fingerprint);
  if (!dismissal) {
    return refusedWith(writer, 'invalid', 'That finding is not dismissed (any more): nothing to restore.');
  }
  await kvsDismissalStore.remove(repositoryUuid, pullRequestId, fingerprint);
  console.log(
    `Lintel: ${writer.accountId} restored a ${dismissal.ruleId} finding on pull request #${pullRequestId}`,
  );
  return {
    done: true,
    message: `Restored ${dismissal.path}:${dismissal.line} (${dismissal.ruleId}): the next analysis reports it again if it is still there.`,
    view: await readPanelView(writer.pr, writer.accountId),
  };
}
