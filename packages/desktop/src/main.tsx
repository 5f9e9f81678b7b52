import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
// The color emoji font, bundled so emoji never show as boxes (only the subsets a page uses load).
import '@fontsource/noto-color-emoji';
import './styles.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
