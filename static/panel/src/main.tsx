import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/page.css';
import { PanelPage } from './PanelPage';

const root = document.getElementById('root');
if (!root) throw new Error('Lintel panel: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <PanelPage />
  </StrictMode>,
);
