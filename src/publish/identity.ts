import type { AppIdentity } from './types';

/** Identity kept in memory: for the CLI, tests, and as the Forge adapter's cache. */
export function memoryIdentity(initial?: string): AppIdentity {
  let uuid = initial;
  return {
    get: () => Promise.resolve(uuid),
    remember: (value) => {
      uuid = value;
      return Promise.resolve();
    },
  };
}
