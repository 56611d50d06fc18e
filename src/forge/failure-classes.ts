/**
 * Failures only the Forge side can recognise, for the retry policy (src/pipeline/retry-policy.ts): storage and
 * queue errors of the @forge SDKs. Anything else is left to the policy's own rules (Bitbucket errors, timeouts).
 */
import {
  InternalServerError,
  InvalidPushSettingsError,
  InvalidQueueNameError,
  InvocationLimitReachedError,
  NoEventsToPushError,
  PartialSuccessError,
  PayloadTooBigError,
  RateLimitError,
  TooManyEventsError,
} from '@forge/events';
import type { FailureClass } from '../pipeline/retry-policy';
import { StorageError, storageStatus } from './storage-retry';

/** A push refused for what it holds fails the same way every time (InvalidPayloadError is not exported). */
const REFUSED_PUSHES = [
  InvalidPushSettingsError,
  InvalidQueueNameError,
  NoEventsToPushError,
  PayloadTooBigError,
  TooManyEventsError,
  // The chain of pushes from one invocation reached Forge's 1,000: another attempt is part of the same chain.
  InvocationLimitReachedError,
];

export function forgeFailureClass(error: unknown): FailureClass | undefined {
  // Over 500 events a minute: Forge's advice is to push again after a minute.
  if (error instanceof RateLimitError) return { kind: 'transient', rateLimited: true };
  if (error instanceof InternalServerError || error instanceof PartialSuccessError)
    return { kind: 'transient' };
  if (REFUSED_PUSHES.some((type) => error instanceof type)) return { kind: 'permanent' };
  // kvs, raw (ForgeKvsAPIError) or after the adapter's own retries (StorageError): the HTTP status decides.
  const status = error instanceof StorageError ? error.status : storageStatus(error);
  if (status === undefined) return undefined;
  if (status === 429) return { kind: 'transient', rateLimited: true };
  return { kind: status >= 500 ? 'transient' : 'permanent' };
}
