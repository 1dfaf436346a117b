// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * Layering (CONVENTIONS.md rule 1, ARCHITECTURE.md "Layers"): imports flow downward only.
 * Each layer lists the packages and sibling layers it must never import.
 */
const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'http',
  'https',
  'net',
  'tls',
  'child_process',
  'url',
  'stream',
  'util',
  'events',
  'worker_threads',
  'zlib',
];
const builtinRegex = `^(node:.*|${nodeBuiltins.filter((b) => !b.includes('*')).join('|')})(/.*)?$`;
const layer = (dir) => [`**/${dir}`, `**/${dir}/**`, `@/${dir}/**`];

/** @param {string[]} packages @param {string[]} layers @param {string} why */
const forbid = (packages, layers, why) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: packages.filter((p) => !nodeBuiltins.includes(p)), message: why },
        // Built-ins as an exact regex: a gitignore-style group 'events' would also ban './events'.
        ...(packages.some((p) => nodeBuiltins.includes(p))
          ? [{ regex: builtinRegex, message: why }]
          : []),
        ...layers.map((l) => ({ group: layer(l), message: `${why} (layer '${l}')` })),
      ],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'tests/e2e/artifacts/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: forbid(
      [
        'electron',
        'react',
        'react-dom',
        'dexie',
        'dexie-*',
        'kysely',
        'better-sqlite3',
        'pg',
        'fastify',
        '@fastify/*',
        'pino',
        ...nodeBuiltins,
      ],
      ['server', 'renderer', 'main', 'preload'],
      'src/shared is pure domain code: no platform imports',
    ),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...forbid(
        [
          'electron',
          'kysely',
          'better-sqlite3',
          'pg',
          'fastify',
          '@fastify/*',
          'pino',
          ...nodeBuiltins,
        ],
        ['server', 'main', 'preload'],
        'src/renderer runs in a browser: talk to window.outpost or fetch, never to node or electron',
      ),
    },
  },
  {
    // Benchmark pages render the real React components: the same hook rules apply.
    files: ['tests/bench/browser/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['src/server/**/*.ts'],
    rules: forbid(
      ['electron', 'react', 'react-dom', 'dexie', 'dexie-*', '@mantine/*'],
      ['renderer', 'main', 'preload'],
      'src/server is the hub: node only, no electron or UI',
    ),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: forbid(
      ['react', 'react-dom', 'dexie', 'dexie-*', '@mantine/*'],
      ['renderer', 'preload'],
      'src/main is the electron main process: no UI code',
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: forbid(
      [
        'react',
        'react-dom',
        'dexie',
        'dexie-*',
        'kysely',
        'better-sqlite3',
        'pg',
        'fastify',
        ...nodeBuiltins,
      ],
      ['renderer', 'main', 'server'],
      'src/preload is a thin contextBridge: electron and src/shared only',
    ),
  },
  {
    files: ['**/*.test.{ts,tsx}', 'tests/**/*.{ts,tsx}'],
    // Tests read untyped JSON bodies of error answers; `any` there is the honest type.
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
);
