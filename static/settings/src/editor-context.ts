import { createContext, useContext } from 'react';
import type { SettingsEditor } from './use-settings-editor';

/** The loaded view and its draft, for every field on the page (the page renders fields only once loaded). */
export const EditorContext = createContext<SettingsEditor | undefined>(undefined);

export function useEditor(): SettingsEditor {
  const editor = useContext(EditorContext);
  if (!editor) throw new Error('Lintel settings: a field was rendered outside the loaded settings page.');
  return editor;
}

/** A DOM id for a setting's control, from its dotted path (`gate.minHealth` → `setting-gate-minHealth`). */
export const fieldId = (path: string): string => `setting-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;

/** Read by screen readers, not shown: for words the visible context already gives (the row of a table). */
export const VISUALLY_HIDDEN: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
