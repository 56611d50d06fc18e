import { AI_TEXT_MAX_CHARS, explainFinding, ruleExplanation } from '../../src/ai';
import type { Llm, LlmPrompt } from '../../src/ai';
import type { Finding } from '../../src/engine/types';

const complex: Finding = {
  ruleId: 'complex-method',
  type: 'CODE_SMELL',
  severity: 'HIGH',
  path: 'src/pay.ts',
  line: 12,
  message: 'Function retryPolicy has a cyclomatic complexity of 14 (threshold 10).',
  fingerprint: '0123456789abcdef',
  functionName: 'retryPolicy',
};

function recordingLlm(reply: (p: LlmPrompt) => Promise<string>): Llm & { prompts: LlmPrompt[] } {
  const prompts: LlmPrompt[] = [];
  return { prompts, complete: (p) => (prompts.push(p), reply(p)) };
}

describe('explainFinding', () => {
  it('uses the rule text when no LLM is given (AI comments off)', async () => {
    const result = await explainFinding(complex);
    expect(result.source).toBe('rule');
    expect(result.text).toContain('How to fix: Split the function');
    expect(result).toEqual(ruleExplanation(complex));
  });

  it('asks the LLM with the rule and finding only, and uses its reply', async () => {
    const llm = recordingLlm(() =>
      Promise.resolve('  This function does too much. Extract the region branches.  '),
    );
    const result = await explainFinding(complex, { llm });
    expect(result).toEqual({
      text: 'This function does too much. Extract the region branches.',
      source: 'ai',
    });
    expect(llm.prompts).toHaveLength(1);
    expect(llm.prompts[0]!.user).toContain('retryPolicy');
    expect(llm.prompts[0]!.user).toContain('Complex Method');
    expect(llm.prompts[0]!.system).toContain('concrete fix');
  });

  it('falls back to the rule text when the LLM fails, answers nothing or times out', async () => {
    const failing = recordingLlm(() => Promise.reject(new Error('quota')));
    expect((await explainFinding(complex, { llm: failing })).source).toBe('rule');
    const empty = recordingLlm(() => Promise.resolve('   '));
    expect((await explainFinding(complex, { llm: empty })).source).toBe('rule');
    const hanging = recordingLlm(() => new Promise<string>(() => undefined));
    const started = Date.now();
    expect(await explainFinding(complex, { llm: hanging, timeoutMs: 20 })).toEqual(ruleExplanation(complex));
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('cuts a runaway reply', async () => {
    const long = recordingLlm(() => Promise.resolve('word '.repeat(2_000)));
    expect((await explainFinding(complex, { llm: long })).text.length).toBeLessThanOrEqual(AI_TEXT_MAX_CHARS);
  });

  it('never sends a hard-coded-secret finding to the LLM', async () => {
    const llm = recordingLlm(() => Promise.resolve('should not be used'));
    const secret: Finding = {
      ...complex,
      ruleId: 'hard-coded-secret',
      type: 'VULNERABILITY',
      severity: 'CRITICAL',
      message: 'Possible hard-coded secret',
    };
    const result = await explainFinding(secret, { llm });
    expect(result.source).toBe('rule');
    expect(result.text).toContain('Revoke and rotate');
    expect(llm.prompts).toEqual([]);
  });
});
