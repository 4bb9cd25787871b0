import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import { testBindings } from './test/worker/bindings.ts';

export default defineConfig({
  test: {
    projects: [
      {
        // Units of the Worker, inside workerd (the real runtime).
        plugins: [
          cloudflareTest({
            wrangler: { configPath: './wrangler.toml' },
            miniflare: { bindings: testBindings },
          }),
        ],
        test: { name: 'worker', include: ['test/worker/**/*.test.ts'] },
      },
      {
        // Everything that runs on Node: analyzers, CLI, proxy, stand-ins, and end-to-end through `wrangler dev`.
        test: {
          name: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/worker/**', '**/node_modules/**'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
