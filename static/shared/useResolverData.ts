import { invoke, view, type FullContext } from '@forge/bridge';
import { useEffect, useState } from 'react';

export type PageContext = FullContext;

export type ResolverData<T> =
  | { status: 'loading' }
  | { status: 'ready'; context: PageContext; value: T }
  | { status: 'error'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Loads the page's context and the result of one resolver call. A failure of either is shown to the user
 * rather than left as an unhandled rejection in the console.
 */
export function useResolverData<T>(functionKey: string): ResolverData<T> {
  const [data, setData] = useState<ResolverData<T>>({ status: 'loading' });
  useEffect(() => {
    let current = true;
    Promise.all([view.getContext(), invoke(functionKey)])
      .then(([context, value]) => {
        if (current) setData({ status: 'ready', context, value: value as T });
      })
      .catch((error: unknown) => {
        if (current) setData({ status: 'error', message: messageOf(error) });
      });
    return () => {
      current = false;
    };
  }, [functionKey]);
  return data;
}
