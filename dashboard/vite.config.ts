import vue from '@vitejs/plugin-vue';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
const api = process.env.DASHBOARD_API ?? 'http://127.0.0.1:4000';

/** The dashboard: built into dashboard/dist and served by the server at `/`. */
export default defineConfig({
  root: here,
  plugins: [vue()],
  build: {
    outDir: path.join(here, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
  },
  // `vite dashboard` during development: the API of a running `npm start`.
  server: {
    proxy: {
      '/graphql': { target: api, ws: true },
      '/api': api,
      '/healthz': api,
    },
  },
});
