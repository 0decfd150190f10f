// Renderer entry: pick the transport (Electron preload or browser-mode HTTP), then render.

import '@mantine/core/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, MissingSecret } from './App.js';
import { startRpc } from './rpc/startup.js';

// A file dropped outside the self_client.json drop zone must not replace the page with the file.
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => e.preventDefault());

const root = createRoot(document.getElementById('root')!);
void startRpc(window, { validateResults: import.meta.env.DEV }).then((startup) =>
  root.render(
    <StrictMode>
      {startup.kind === 'ready' ? <App client={startup.client} /> : <MissingSecret />}
    </StrictMode>,
  ),
);
