/**
 * What the service worker stores when it installs: every file of the build whose kind the game
 * can use. The list is by extension rather than by folder so that a sound or backdrop added to
 * assets/ is kept offline without anyone remembering to name it here; tests/unit/pwa.test.ts
 * fails if assets/ gains a kind of file this list would leave out.
 */
export const PRECACHE_EXTENSIONS = [
  'html',
  'js',
  'css',
  'json',
  'svg',
  'png',
  'jpg',
  'jpeg',
  'webp',
  'ogg',
  'mp3',
  'wav',
] as const;

/** Workbox's glob over the build folder. */
export const PRECACHE_GLOB = `**/*.{${PRECACHE_EXTENSIONS.join(',')}}`;

/**
 * Enough for the Phaser chunk (about 1.4 MB) with room to grow; Workbox's default of 2 MiB would
 * drop a larger chunk from the cache with only a build warning, and the stage would then fail
 * offline.
 */
export const PRECACHE_MAX_FILE_BYTES = 4 * 1024 * 1024;
