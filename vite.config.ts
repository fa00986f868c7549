import { defineConfig } from 'vitest/config';
import { scenarioPlugin } from './tools/scenarioPlugin.ts';

export default defineConfig({
  // Our own assets folder replaces Vite's public/: files are served and copied as they are.
  publicDir: 'assets',
  base: './',
  plugins: [scenarioPlugin()],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
  build: {
    target: 'es2022',
    rollupOptions: {
      output: {
        // Phaser is most of the bytes: its own chunk keeps the menu's JavaScript small.
        manualChunks: (id) => (id.includes('node_modules/phaser') ? 'phaser' : undefined),
      },
    },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'engine',
          environment: 'node',
          // Property and replay tests take a few seconds; a busy 2-core machine must not fail them.
          testTimeout: 30_000,
          include: ['tests/unit/**/*.test.ts', 'tests/scenarios/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: { name: 'ui', environment: 'jsdom', include: ['tests/ui/**/*.test.ts'] },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/support/globalSetup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
