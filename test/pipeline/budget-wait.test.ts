import { budgetClock, budgetWaitProblem } from '../../src/pipeline/budget-wait';

const NOW = Date.parse('2026-12-02T10:00:00Z');
const clockAt = (ms: number) => ({ now: () => ms });

describe('budgetClock', () => {
  it('counts the wait a job asked for as over when the queue delivers it early', () => {
    const until = new Date(NOW + 300_000).toISOString();
    expect(
      budgetClock({ since: new Date(NOW).toISOString(), times: 1, until }, clockAt(NOW + 300)).now(),
    ).toBe(NOW + 300_000);
  });

  it('is the invocation clock once the wait is over, or for a job that never waited', () => {
    const until = new Date(NOW - 1_000).toISOString();
    expect(budgetClock({ since: until, times: 2, until }, clockAt(NOW)).now()).toBe(NOW);
    expect(budgetClock(undefined, clockAt(NOW)).now()).toBe(NOW);
  });

  it('keeps time running at the invocation clock rate', () => {
    let now = NOW;
    const clock = budgetClock(
      { since: new Date(NOW).toISOString(), times: 1, until: new Date(NOW + 60_000).toISOString() },
      { now: () => now },
    );
    now += 5_000;
    expect(clock.now()).toBe(NOW + 65_000);
  });
});

describe('budgetWaitProblem', () => {
  it('rejects a wait whose end is not a time', () => {
    expect(budgetWaitProblem({ since: new Date(NOW).toISOString(), times: 1, until: 'soon' })).toMatch(
      /until\?: an ISO time/,
    );
    expect(budgetWaitProblem({ since: new Date(NOW).toISOString(), times: 1 })).toBeUndefined();
  });
});
