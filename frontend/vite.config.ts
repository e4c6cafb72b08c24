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
        // Libraries change less often than our code: separate chunks stay
        // cached across releases. Chart libraries stay in their lazy chunk.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/, priority: 30 },
            { name: 'mantine', test: /node_modules[\\/](@mantine|@floating-ui|react-remove-scroll[^\\/]*|react-style-singleton|use-callback-ref|use-sidecar|tabbable|clsx|type-fest)[\\/]/, priority: 20 },
            { name: 'vendor', test: (id: string) => /node_modules/.test(id) && !/node_modules[\\/](echarts|zrender|echarts-for-react|size-sensor|tslib)[\\/]/.test(id), priority: 10 },
          ],
        },
      },
    },
  },
});
