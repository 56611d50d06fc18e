/**
 * Time passing on Forge, for tests that must wait out Bitbucket's hourly window or Lintel's cool-down after a 429
 * (docs/rate-limits.md): `Date.now` is moved forward for the whole process — the emulator (given
 * `rateLimit: { now: () => Date.now() }`), the runtime's kvs TTLs and Lintel's own clock — while timers stay real,
 * so the queue's compressed waits run as usual. Move it only while no invocation runs: a running one would see its
 * remaining time vanish.
 */
export interface ShiftedClock {
  pass(ms: number): void;
  restore(): void;
}

export function shiftedClock(): ShiftedClock {
  const realNow = Date.now.bind(Date);
  let shiftMs = 0;
  const spy = jest.spyOn(Date, 'now').mockImplementation(() => realNow() + shiftMs);
  return {
    pass: (ms) => {
      shiftMs += ms;
    },
    restore: () => spy.mockRestore(),
  };
}
