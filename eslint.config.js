// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// The engine decides everything that is scored, so it must run the same under node, in tests and
// in the browser: it may not reach the screen, the speakers or the app stores.
const engineBoundary = {
  patterns: [
    {
      group: ['phaser', 'phaser/*', 'howler', 'zustand', 'zustand/*'],
      message:
        'src/engine is pure TypeScript: no Phaser, Howler or Zustand. Put presentation in src/game, src/ui or src/audio and pass data in.',
    },
    {
      group: [
        '**/game/**',
        '**/ui/**',
        '**/audio/**',
        '**/store/**',
        '**/bridge/**',
        '**/records/**',
      ],
      message:
        'src/engine never imports upward. Move the shared piece into src/engine or pass it in as data.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'coverage/**', 'node_modules/**', 'assets/**', '.scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', engineBoundary],
      'no-restricted-globals': [
        'error',
        {
          name: 'document',
          message: 'src/engine has no DOM: pass data in from src/ui or src/bridge.',
        },
        {
          name: 'window',
          message: 'src/engine has no DOM: pass data in from src/ui or src/bridge.',
        },
        {
          name: 'localStorage',
          message: 'src/engine keeps no storage: persistence lives in src/records.',
        },
      ],
    },
  },
  {
    // expect(fake.method).toHaveBeenCalled() reads a vi.fn() off a command object; nothing calls it
    // unbound, so the rule only adds noise in tests.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['eslint.config.js'],
    ...tseslint.configs.disableTypeChecked,
  },
);
