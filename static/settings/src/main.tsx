import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../../shared/page.css';
import { SettingsPage } from './SettingsPage';

const root = document.getElementById('root');
if (!root) throw new Error('Lintel settings: the page has no #root element.');
createRoot(root).render(
  <StrictMode>
    <SettingsPage />
  </StrictMode>,
);
