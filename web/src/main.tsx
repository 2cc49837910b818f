import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, loadFirstView } from './shell/App';

// The first page's chunks are on their way already (index.html preloads them): wait for them, so
// that the first render is the page rather than a loading placeholder. A failed chunk shows as
// the page's own error when it renders.
void loadFirstView(window.location.pathname)
  .catch(() => undefined)
  .then(() =>
    createRoot(document.getElementById('root')!).render(
      <StrictMode>
        <App />
      </StrictMode>,
    ),
  );
