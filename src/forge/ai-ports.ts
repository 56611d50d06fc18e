/**
 * The AI review's ports on Forge (src/ai/review-pull-request.ts): the model over @forge/llm, the answer cache in kvs,
 * limits from Forge environment variables, and the time the invocation leaves for it (src/pipeline/run-budget.ts).
 */
import { aiLimitsFrom } from '../ai/ai-limits';
import type { AiReviewPorts } from '../ai/review-pull-request';
import { aiBudgetMs } from '../pipeline/run-budget';
import { kvsAnswerCache } from './ai-cache';
import { forgeClock } from './forge-storage';
import { forgeLlm } from './llm';

export function forgeAiReviewPorts(log: (message: string) => void): AiReviewPorts {
  const clock = forgeClock();
  return {
    llm: forgeLlm(),
    cache: kvsAnswerCache,
    limits: aiLimitsFrom(process.env),
    now: () => clock.now(),
    timeLeftMs: () => aiBudgetMs(clock.remainingMs()),
    log,
  };
}
