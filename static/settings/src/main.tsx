import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './settings.css';
import { SettingsPage } from './settings-page';

// Bitbucket's light or dark theme: the host sets the design tokens on <html>. Without it the page keeps the tokens'
// light fallbacks, still usable, so a failure is worth a warning, not an error page.
view.theme.enable().catch((error: unknown) => {
  console.warn(
    `Lintel settings: the host did not apply its theme (${error instanceof Error ? error.message : String(error)}).`,
  );
});
const root = document.getElementById('root');
if (!root) throw new Error('Lintel settings: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <SettingsPage />
  </StrictMode>,
);
