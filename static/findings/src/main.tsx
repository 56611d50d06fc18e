import '@atlaskit/css-reset';
import { view } from '@forge/bridge';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/pull-request-pages.css';
import { FindingsPage } from './findings-page';

view.theme.enable().catch((error: unknown) => {
  console.warn(
    `Lintel findings: the host did not apply its theme (${error instanceof Error ? error.message : String(error)}).`,
  );
});
const root = document.getElementById('root');
if (!root) throw new Error('Lintel findings: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <FindingsPage />
  </StrictMode>,
);
