import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/** The server serves dist/ at `/`; the API is same-origin. `npm run dev` proxies to PARLEY_URL. */
const target = process.env.PARLEY_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
    sourcemap: false,
  },
  server: {
    proxy: {
      '/api': { target, ws: true },
      '/webchat': { target, ws: true },
      '/files': { target },
    },
  },
});
