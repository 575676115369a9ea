// Lint keeps the layering visible: shared/ runs everywhere, renderer/ never reaches into the Node
// side, and only the thin Electron shell may import 'electron'.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'worker_threads', 'stream', 'zlib', 'util', 'events'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'artifacts/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Benchmarks and end-to-end tests pass functions to page.evaluate: they run in the page.
    files: ['scripts/**/*.mjs', 'e2e/**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
          { group: ['electron', 'electron/*'], message: 'shared/ must not import electron.' },
          { group: ['react', 'react-dom', 'ol', 'ol/*', '**/renderer/**', '**/electron/**'], message: 'shared/ must not depend on a runtime layer or the DOM.' },
        ],
      }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/electron/**', 'electron', 'electron/*'], message: 'renderer/ talks to the Node side only through the API contract in shared/.' },
          { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed page: no Node built-ins.' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only electron/shell/ imports electron; services must run in browser mode and the CLI too.' },
          { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
        ],
      }],
    },
  },
  {
    // The services every host shares never depend on one host: browser mode, the CLI and the
    // Electron shell import electron/node, never the other way round.
    files: ['electron/node/**/*.ts'],
    ignores: ['electron/node/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', 'electron/*'], message: 'Only electron/shell/ imports electron; services must run in browser mode and the CLI too.' },
          { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
          { group: ['**/host/**', '../host', '../../host', '**/cli/**', '../cli', '../../cli', '**/shell/**', '../shell', '../../shell'], message: 'electron/node serves every host: it never imports host/, cli/ or shell/.' },
        ],
      }],
    },
  },
);
