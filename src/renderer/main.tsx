import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { detectPlatform } from './app/platform';
import { createServices } from './app/services';

const services = createServices({
  platform: detectPlatform(window),
  storage: window.localStorage,
  pageOrigin: window.location.origin,
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App services={services} />
  </StrictMode>,
);
