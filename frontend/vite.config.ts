import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The Go binary embeds dist/ and serves it at the root, hashed files under
// /assets/ with long caching; in development Vite forwards /api to the Go
// server, so the browser sees one origin and the session cookie just works.
export default defineConfig({
  base: '/',
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts alone is ~500 kB and is loaded only with a chart.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // React and Mantine are on every page and change less often than
        // our code: their own chunks stay cached across releases. Every
        // other library goes with the pages that use it (each page is its
        // own chunk, see src/layout/lazyPage.ts), so the offline store,
        // forms, validation, the QR code and the charts load only there.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll[^\\/]*|react-style-singleton|use-callback-ref|use-sidecar|tabbable|clsx|type-fest)[\\/]/, priority: 20 },
          ],
        },
      },
    },
  },
});
