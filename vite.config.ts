import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The console (src/web) is built into dist/web, which the service serves. `npm run dev:web` proxies the API to a
// service started with `npm start` (port 8080 unless TOOL_SYNC_API says otherwise).
export default defineConfig({
  root: 'src/web',
  base: '/',
  plugins: [react()],
  build: { outDir: '../../dist/web', emptyOutDir: true, chunkSizeWarningLimit: 600 },
  server: {
    proxy: {
      '/api': { target: process.env.TOOL_SYNC_API ?? 'http://127.0.0.1:8080', changeOrigin: false },
      '/metrics': { target: process.env.TOOL_SYNC_API ?? 'http://127.0.0.1:8080' },
    },
  },
});
