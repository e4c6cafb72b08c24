import { fileURLToPath } from 'node:url';
import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

const routerDist = './node_modules/react-router/dist/development';

export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      environment: 'jsdom',
      setupFiles: ['./src/test/setup.ts'],
      include: ['src/**/*.test.{ts,tsx}', 'scripts/**/*.test.mjs'],
      restoreMocks: true,
      // CI machines have 2 cores; jsdom role queries are slow there.
      testTimeout: 15_000,
      // react-router/dom must share one copy of react-router with our code;
      // left to the resolver, one gets the CommonJS build and the other the
      // ESM one, and the router context no longer matches.
      alias: [
        { find: /^react-router$/, replacement: fileURLToPath(new URL(`${routerDist}/index.mjs`, import.meta.url)) },
        { find: /^react-router\/dom$/, replacement: fileURLToPath(new URL(`${routerDist}/dom-export.mjs`, import.meta.url)) },
      ],
    },
  }),
);
