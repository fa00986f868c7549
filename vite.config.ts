import { VitePWA } from 'vite-plugin-pwa';
import { defineConfig } from 'vitest/config';
import { PRECACHE_GLOB, PRECACHE_MAX_FILE_BYTES } from './src/pwa/precache.ts';
import { WEB_MANIFEST } from './src/pwa/webManifest.ts';
import { scenarioPlugin } from './tools/scenarioPlugin.ts';

export default defineConfig({
  // Our own assets folder replaces Vite's public/: files are served and copied as they are.
  publicDir: 'assets',
  base: './',
  plugins: [
    scenarioPlugin(),
    // Offline after the first visit (src/pwa/offline.ts registers the worker and offers updates).
    VitePWA({
      // An update waits until the trainee asks for it on the menu: reloading on its own could end
      // an encounter in front of a class.
      registerType: 'prompt',
      injectRegister: false,
      // A worker in the dev server would serve yesterday's files to someone editing today's.
      devOptions: { enabled: false },
      // The glob below already takes every icon from assets/; this would list each one twice.
      includeManifestIcons: false,
      manifest: WEB_MANIFEST,
      workbox: {
        globPatterns: [PRECACHE_GLOB],
        maximumFileSizeToCacheInBytes: PRECACHE_MAX_FILE_BYTES,
        // ?speed=, ?renderer= and the like only change what the script does with the same
        // index.html, so any query still finds the stored page.
        ignoreURLParametersMatching: [/.*/],
        navigateFallback: 'index.html',
        // On the first visit, take over the page that installed the worker, so that Phaser (loaded
        // only when a scenario starts) already comes from the store if the network drops before
        // a reload. An update still waits: this applies only when a worker activates.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
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
