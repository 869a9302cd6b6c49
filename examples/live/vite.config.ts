import { defineConfig } from 'vite';

// Cross-origin isolation makes SharedArrayBuffer available to the page and its worker.
const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export default defineConfig({
  root: import.meta.dirname,
  server: { headers: isolation },
  preview: { headers: isolation },
  worker: { format: 'es' },
});
