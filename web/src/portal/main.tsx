import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './portal-app';
import './portal.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root missing from portal/index.html');
createRoot(container).render(
  <StrictMode>
    <PortalApp />
  </StrictMode>,
);
