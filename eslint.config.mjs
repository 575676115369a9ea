// Lint keeps the layering visible: shared/ runs everywhere, renderer/ never reaches into the Node
// side, only the thin Electron shell may import 'electron', and SQL lives in electron/node/store/.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const electronLayering = [
  { group: ['electron', 'electron/*'], message: 'Only electron/shell/ imports electron; services must run in browser mode and the CLI too.' },
  { group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' },
];

// "SQL lives in the store": outside electron/node/store/ no code prepares, executes or opens SQL on
// the project; it calls the store's typed functions (ProjectStore reads, history.run for every change).
const SQL_MESSAGE = 'SQL lives in electron/node/store/: call a typed store function (ProjectStore, history.run, sceneTiles…) instead.';
const sqlOutsideStore = [
  { selector: "CallExpression[callee.property.name=/^(prepare|pragma|transaction)$/]", message: SQL_MESSAGE },
  { selector: "CallExpression[callee.property.name='exec']:not([callee.object.regex])[arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: SQL_MESSAGE },
];
const sqlImports = {
  paths: [{ name: 'better-sqlite3', message: SQL_MESSAGE }],
  patterns: [{ group: ['**/store/projectStore'], importNames: ['databaseOf'], message: SQL_MESSAGE }],
};

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
      'no-restricted-imports': ['error', { patterns: electronLayering }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: [
      'electron/node/store/**',
      // Tests may open or tamper with a project file to check what the store does with it.
      '**/*.test.ts',
      // Other SQLite formats, never the project: GeoPackage output, MBTiles input (opened read-only, defensively).
      'electron/node/export/geopackage.ts',
      'electron/node/imagery/mbtiles.ts',
      'electron/node/imagery/mbtilesFile.ts',
      'electron/node/imagery/tiles.ts',
    ],
    rules: {
      'no-restricted-syntax': ['error', ...sqlOutsideStore],
      'no-restricted-imports': ['error', { paths: sqlImports.paths, patterns: [...electronLayering, ...sqlImports.patterns] }],
    },
  },
  {
    // Benchmarks and tools reach the project through the same store functions.
    files: ['scripts/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': ['error', ...sqlOutsideStore],
      'no-restricted-imports': ['error', sqlImports],
    },
  },
  {
    // The shell may import electron, but not SQL.
    files: ['electron/shell/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: sqlImports.paths, patterns: [{ group: ['**/renderer/**'], message: 'The Node side never imports the renderer.' }, ...sqlImports.patterns] }],
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
