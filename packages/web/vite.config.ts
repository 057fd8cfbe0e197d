/**
 * The browser build: one static folder (dist/) that `mosaic serve` hands out at `/`. Asset paths
 * are relative and the app routes on the URL hash, so the folder works under any mount point
 * without a server-side fallback.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000, sourcemap: false },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
});
