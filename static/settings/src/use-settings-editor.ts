import { invoke } from '@forge/bridge';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type {
  AccessRefused,
  FieldError,
  ResetSettingsPayload,
  ResolverPayload,
  SaveSettingsPayload,
  SaveSettingsResult,
  SettingsView,
} from '../../../src/forge/resolvers/types';
import type { SettingsOverrides } from '../../../src/settings/types';
import { isAccessRefused } from '../../shared/useResolverData';
import { changeValue, errorsByField, sameValue, withoutOverride } from './settings-draft';

export type LoadState =
  | { status: 'loading' }
  | { status: 'refused'; refusal: AccessRefused; allowAccess: () => void }
  | { status: 'error'; message: string }
  | { status: 'ready'; view: SettingsView };

/** What the last Save or Reset did; each state is shown (and announced) by the save bar. */
export type SaveState =
  | { kind: 'idle' }
  | { kind: 'saving'; what: 'save' | 'reset' }
  | { kind: 'saved'; what: 'save' | 'reset' }
  | { kind: 'error'; message: string }
  | { kind: 'invalid'; message: string; fieldErrors: FieldError[] }
  | { kind: 'conflict'; message: string };

export interface SettingsEditor {
  view: SettingsView;
  draft: SettingsOverrides;
  dirty: boolean;
  saveState: SaveState;
  /** Field errors from the last refused save, by field path (`ignore[2]` files under `ignore`). */
  fieldErrors: Map<string, FieldError[]>;
  /** Fields whose text is not a value yet (e.g. "abc" in a number field); Save refuses while any is. */
  unparsed: ReadonlySet<string>;
  change(path: string, value: unknown): void;
  /** Sets several values at once (a gate profile). */
  changeMany(values: ReadonlyArray<readonly [string, unknown]>): void;
  resetToInherited(path: string): void;
  markUnparsed(path: string, unparsed: boolean): void;
  save(): void;
  resetAll(): void;
  reload(): void;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const isSaveResult = (value: unknown): value is SaveSettingsResult =>
  typeof value === 'object' && value !== null && typeof (value as { saved?: unknown }).saved === 'boolean';

/**
 * Loads `getSettings` for the page's level and keeps the draft of this level's overrides. Save sends the whole
 * draft with the revision the page loaded, so a save over someone else's newer change is refused as a conflict
 * instead of silently undoing it.
 */
export function useSettingsEditor(): { load: LoadState; editor: SettingsEditor | undefined } {
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [draft, setDraft] = useState<SettingsOverrides>({});
  const [saveState, setSaveState] = useState<SaveState>({ kind: 'idle' });
  const [unparsed, setUnparsed] = useState<ReadonlySet<string>>(new Set());
  const mounted = useRef(true);

  const fetchView = useCallback((payload?: ResolverPayload) => {
    invoke<unknown>('getSettings', payload ? { ...payload } : undefined)
      .then((value) => {
        if (!mounted.current) return;
        if (isAccessRefused(value)) {
          const allowAccess = (): void => {
            setLoad({ status: 'loading' });
            fetchView({ promptForConsent: true });
          };
          setLoad({ status: 'refused', refusal: value, allowAccess });
          return;
        }
        const view = value as SettingsView;
        setLoad({ status: 'ready', view });
        setDraft(view.overrides);
        setUnparsed(new Set());
      })
      .catch((error: unknown) => {
        if (mounted.current) setLoad({ status: 'error', message: messageOf(error) });
      });
  }, []);

  useEffect(() => {
    mounted.current = true;
    fetchView();
    return () => {
      mounted.current = false;
    };
  }, [fetchView]);

  const view = load.status === 'ready' ? load.view : undefined;

  /** A save or reset answer: the new view on success, else what went wrong, with the draft kept. */
  const settle = useCallback((what: 'save' | 'reset', value: unknown) => {
    if (!mounted.current) return;
    if (isAccessRefused(value)) return setSaveState({ kind: 'error', message: value.message });
    if (!isSaveResult(value)) {
      return setSaveState({ kind: 'error', message: 'Lintel answered the save with something unexpected.' });
    }
    if (value.saved) {
      setLoad({ status: 'ready', view: value.view });
      setDraft(value.view.overrides);
      setUnparsed(new Set());
      return setSaveState({ kind: 'saved', what });
    }
    if (value.reason === 'invalid') {
      return setSaveState({ kind: 'invalid', message: value.message, fieldErrors: value.fieldErrors });
    }
    setSaveState({ kind: 'conflict', message: value.message });
  }, []);

  /** Editing after a result clears it; errors of the field being edited go, the others stay until the next save. */
  const afterEdit = useCallback((paths: readonly string[]) => {
    setSaveState((state) => {
      if (state.kind === 'saved' || state.kind === 'error') return { kind: 'idle' };
      if (state.kind !== 'invalid') return state;
      const fieldErrors = state.fieldErrors.filter((error) =>
        paths.every((path) => error.path !== path && !error.path.startsWith(`${path}[`)),
      );
      return fieldErrors.length > 0 ? { ...state, fieldErrors } : { kind: 'idle' };
    });
  }, []);

  const markUnparsed = useCallback((path: string, isUnparsed: boolean) => {
    setUnparsed((current) => {
      if (current.has(path) === isUnparsed) return current;
      const next = new Set(current);
      if (isUnparsed) next.add(path);
      else next.delete(path);
      return next;
    });
  }, []);

  const editor = useMemo((): SettingsEditor | undefined => {
    if (!view) return undefined;
    const busy = saveState.kind === 'saving';
    return {
      view,
      draft,
      dirty: !sameValue(draft, view.overrides),
      saveState,
      fieldErrors: saveState.kind === 'invalid' ? errorsByField(saveState.fieldErrors) : new Map(),
      unparsed,
      change(path, value) {
        setDraft((current) => changeValue(current, view.inherited, path, value));
        afterEdit([path]);
      },
      changeMany(values) {
        setDraft((current) =>
          values.reduce((next, [path, value]) => changeValue(next, view.inherited, path, value), current),
        );
        afterEdit(values.map(([path]) => path));
      },
      resetToInherited(path) {
        setDraft((current) => withoutOverride(current, path));
        markUnparsed(path, false);
        afterEdit([path]);
      },
      markUnparsed,
      save() {
        if (busy) return;
        if (unparsed.size > 0) {
          return setSaveState({
            kind: 'error',
            message:
              'Some fields do not hold a number yet: correct the fields marked above, then save again.',
          });
        }
        setSaveState({ kind: 'saving', what: 'save' });
        const payload: SaveSettingsPayload = { overrides: draft, revision: view.revision };
        invoke<unknown>('saveSettings', { ...payload })
          .then((value) => settle('save', value))
          .catch((error: unknown) => {
            if (mounted.current) setSaveState({ kind: 'error', message: messageOf(error) });
          });
      },
      resetAll() {
        if (busy) return;
        setSaveState({ kind: 'saving', what: 'reset' });
        const payload: ResetSettingsPayload = { revision: view.revision };
        invoke<unknown>('resetSettings', { ...payload })
          .then((value) => settle('reset', value))
          .catch((error: unknown) => {
            if (mounted.current) setSaveState({ kind: 'error', message: messageOf(error) });
          });
      },
      reload() {
        setSaveState({ kind: 'idle' });
        setLoad({ status: 'loading' });
        fetchView();
      },
    };
  }, [view, draft, saveState, unparsed, afterEdit, settle, fetchView, markUnparsed]);

  return { load, editor };
}
