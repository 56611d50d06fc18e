import { invoke } from '@forge/bridge';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { PanelActionResult, PanelView } from '../../src/forge/resolvers/types';
import { isAccessRefused, useResolverData, type ResolverData } from './useResolverData';

/** The last panel action and how it ended; each is shown, and announced to screen readers. */
export type ActionState =
  | { kind: 'idle' }
  | { kind: 'busy'; what: string }
  | { kind: 'done'; message: string }
  /** Not done, but nothing is wrong: already queued, already running, the pull request is closed. */
  | { kind: 'notice'; message: string }
  /** Refused (no write access, a reason missing) or failed: the person has something to do. */
  | { kind: 'refused'; message: string };

function isActionResult(value: unknown): value is PanelActionResult {
  const v = value as Partial<PanelActionResult> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.done === 'boolean' &&
    typeof v.message === 'string' &&
    typeof v.view === 'object'
  );
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export interface PanelViewState {
  load: ResolverData<PanelView>;
  /** The newest view: the first load's, or the one the last action answered with. */
  view: PanelView | undefined;
  action: ActionState;
  /** Calls a panel action (`reanalyzePullRequest`, `dismissFinding`, `restoreFinding`); resolves to whether it was done. */
  act(functionKey: string, payload: Record<string, unknown>, what: string): Promise<boolean>;
}

/** The panel's and the findings dialog's data: the view model from `getPanelState`, kept current by the actions. */
export function usePanelView(): PanelViewState {
  const load = useResolverData<PanelView>('getPanelState');
  const [latest, setLatest] = useState<PanelView>();
  const [action, setAction] = useState<ActionState>({ kind: 'idle' });
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const act = useCallback(async (functionKey: string, payload: Record<string, unknown>, what: string) => {
    setAction({ kind: 'busy', what });
    try {
      const answer = await invoke<unknown>(functionKey, payload);
      if (!mounted.current) return false;
      if (isAccessRefused(answer)) {
        setAction({ kind: 'refused', message: answer.message });
        return false;
      }
      if (!isActionResult(answer)) {
        setAction({
          kind: 'refused',
          message: 'Lintel answered with something this page does not understand.',
        });
        return false;
      }
      setLatest(answer.view);
      if (answer.done) setAction({ kind: 'done', message: answer.message });
      else if (answer.reason === 'in-progress' || answer.reason === 'closed')
        setAction({ kind: 'notice', message: answer.message });
      else setAction({ kind: 'refused', message: answer.message });
      return answer.done;
    } catch (error) {
      if (mounted.current) setAction({ kind: 'refused', message: messageOf(error) });
      return false;
    }
  }, []);
  const view = latest ?? (load.status === 'ready' ? load.value : undefined);
  return { load, view, action, act };
}
