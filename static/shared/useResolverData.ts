import { invoke, view, type FullContext } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AccessRefused, ResolverPayload } from '../../src/forge/resolvers/types';

export type PageContext = FullContext;

export type ResolverData<T> =
  | { status: 'loading' }
  | { status: 'ready'; context: PageContext; value: T }
  | { status: 'refused'; refusal: AccessRefused; allowAccess: () => void }
  | { status: 'error'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Resolvers answer `{ access: 'refused', … }` instead of the data when the caller's access did not cover it. */
export function isAccessRefused(value: unknown): value is AccessRefused {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { access?: unknown }).access === 'refused' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * Loads the page's context and the result of one resolver call. A failure of either is shown to the user
 * rather than left as an unhandled rejection in the console; a refusal is shown with what to do about it.
 * `allowAccess` calls again with `promptForConsent`, so Forge shows its consent prompt and, once access is
 * allowed, reloads the page.
 */
export function useResolverData<T>(functionKey: string): ResolverData<T> {
  const [data, setData] = useState<ResolverData<T>>({ status: 'loading' });
  const current = useRef(true);
  const load = useCallback(
    (payload?: ResolverPayload) => {
      Promise.all([view.getContext(), invoke(functionKey, payload ? { ...payload } : undefined)])
        .then(([context, value]) => {
          if (!current.current) return;
          if (isAccessRefused(value)) {
            const allowAccess = (): void => {
              setData({ status: 'loading' });
              load({ promptForConsent: true });
            };
            setData({ status: 'refused', refusal: value, allowAccess });
          } else {
            setData({ status: 'ready', context, value: value as T });
          }
        })
        .catch((error: unknown) => {
          if (current.current) setData({ status: 'error', message: messageOf(error) });
        });
    },
    [functionKey],
  );
  useEffect(() => {
    current.current = true;
    load();
    return () => {
      current.current = false;
    };
  }, [load]);
  return data;
}
