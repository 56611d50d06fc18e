import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/pull-request-pages.css';
import { PanelPage } from './panel-page';

// Bitbucket's light or dark theme: the host sets the design tokens on <html>. Without it the page keeps the tokens'
// light fallbacks, still usable, so a failure is worth a warning, not an error page.
view.theme.enable().catch((error: unknown) => {
  console.warn(
    `Lintel panel: the host did not apply its theme (${error instanceof Error ? error.message : String(error)}).`,
  );
});
const root = document.getElementById('root');
if (!root) throw new Error('Lintel panel: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <PanelPage />
  </StrictMode>,
);
