import { ResolverInputError } from './resolverError';
import { isObject } from './json-object';

/**
 * @forge/resolver 2.0.1 looks functions up with `functionKey in this.functions` on a plain object, so an
 * unknown key yields "Resolver has no definition for 'x'." but inherited names do not: 'constructor' echoes
 * the whole request (context included) back to the page, 'toString' answers "[object Object]" and
 * '__proto__' crashes with "cb is not a function". This guard checks the call against the keys the app
 * defines before the library sees it, and rejects a malformed call with a message that says what was wrong.
 */

export function assertKnownResolverCall(request: unknown, knownKeys: readonly string[]): void {
  const call = isObject(request) ? request.call : undefined;
  if (!isObject(call))
    throw new ResolverInputError('Malformed resolver call: the request has no call object.');
  const { functionKey, payload } = call;
  if (typeof functionKey !== 'string' || functionKey === '') {
    throw new ResolverInputError('Malformed resolver call: functionKey must be a non-empty string.');
  }
  if (!knownKeys.includes(functionKey)) {
    throw new ResolverInputError(
      `Lintel has no resolver function '${functionKey}'. Known functions: ${knownKeys.join(', ')}.`,
    );
  }
  if (payload !== undefined && payload !== null && !isObject(payload)) {
    throw new ResolverInputError(
      `Malformed resolver call: the payload of '${functionKey}' must be an object.`,
    );
  }
}

/** Wraps the handler from `resolver.getDefinitions()` so only the listed function keys reach it. */
export function acceptOnlyKnownCalls<Request, Backend, Result>(
  handler: (request: Request, backend?: Backend) => Promise<Result>,
  knownKeys: readonly string[],
): (request: Request, backend?: Backend) => Promise<Result> {
  return async (request, backend) => {
    assertKnownResolverCall(request, knownKeys);
    return handler(request, backend);
  };
}
