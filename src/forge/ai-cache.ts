/**
 * The AI review's answer cache in Forge kvs (src/ai/answer-cache.ts): one key per answer, expiring after
 * AI_CACHE_TTL, so the cache never grows without bound and needs no clean-up job. Failures reach the review, which
 * treats them as a miss: a storage hiccup costs a call, never a comment.
 */
import { kvs } from '@forge/kvs';
import type { AiAnswerCache } from '../ai/answer-cache';
import { aiAnswerKey } from './storage-keys';

/** Long enough for a pull request's life; a re-run after that asks again. */
export const AI_CACHE_TTL = { value: 30, unit: 'DAYS' } as const;

export const kvsAnswerCache: AiAnswerCache = {
  get: (id) => kvs.get<unknown>(aiAnswerKey(id)),
  set: (id, answer) => kvs.set(aiAnswerKey(id), answer, { ttl: AI_CACHE_TTL }),
};
