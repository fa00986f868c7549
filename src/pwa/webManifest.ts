/**
 * The web app manifest that vite-plugin-pwa writes beside index.html (see vite.config.ts): what a
 * browser shows when a class installs the game to a desktop or home screen. Kept apart from the
 * Vite config so that tests/unit/pwa.test.ts can hold every icon it names to a file in assets/.
 */
import type { ManifestOptions } from 'vite-plugin-pwa';

export const WEB_MANIFEST = {
  name: 'Duty to Intervene simulator',
  short_name: 'Duty to Intervene',
  description:
    'A branching role-play simulator for training police officers in the duty to intervene.',
  lang: 'en',
  // Relative, like the build's paths: the game may be served from any folder of any server.
  id: './',
  start_url: './',
  scope: './',
  display: 'standalone',
  // --bg in src/ui/app.css, so the window and the splash screen match the menu.
  theme_color: '#10151c',
  background_color: '#10151c',
  // Drawn in assets/icons/*.svg; the PNGs are made from them by tools/makeIcons.ts.
  icons: [
    { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    {
      src: 'icons/icon-maskable-512.png',
      sizes: '512x512',
      type: 'image/png',
      purpose: 'maskable',
    },
  ],
} satisfies Partial<ManifestOptions>;
