// ESLint (flat config): the recommended JavaScript and TypeScript checks, and the layers ARCHITECTURE.md draws,
// enforced with no-restricted-imports. `npm run lint`; .ci/run runs it.
//
// The layers (server/src/…), what each may not import:
//   lsp/ + server.ts   the only code that imports vscode-languageserver*
//   workspace/, cli/   the only code that does IO (fs, child_process, worker_threads, network …)
//   workspace/         no features/ (it supplies documents and settings; features read them through analysis/)
//   analysis/          no features/, workspace/, lsp/, cli/ (pure functions of the model; the workspace feeds it)
//   features/          no workspace/, lsp/, cli/ (editor vocabulary and offsets; no IO, no protocol types)
//   parse/, letters/   no features/, analysis/, workspace/, lsp/, cli/ (the model knows nothing above it)
//   text/, citations/  likewise
//   precedents/, commitments/  pure like letters/: no workspace/, lsp/, cli/ (the CLI and the workspace call them)
// Exceptions are listed by file below, each with the reason.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** The Node built-ins that reach outside the process: files, processes, threads, the network. */
const IO_MODULES = [
  'fs',
  'fs/promises',
  'child_process',
  'worker_threads',
  'cluster',
  'net',
  'http',
  'https',
  'http2',
  'dns',
  'tls',
  'dgram',
  'readline',
  'inspector',
];
const IO_IMPORTS = IO_MODULES.flatMap((m) => [m, `node:${m}`]);
const IO_BUT_THREADS = IO_IMPORTS.filter((m) => !m.endsWith('worker_threads'));

const PROTOCOL = {
  group: ['vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageserver-*', 'vscode-languageserver-*/*'],
  message: 'Protocol types stay in server/src/lsp/ and server/src/server.ts (ARCHITECTURE.md): features take and return offsets.',
};
const IO = {
  group: IO_IMPORTS,
  message: 'Only server/src/workspace/ and server/src/cli/ do IO (ARCHITECTURE.md): take bytes or text from the caller.',
};
/** A relative import into one of the layers (`../features/x`, `../../workspace/y`). */
function layer(name, message) {
  return { regex: `^\\.\\.?/(.*/)?${name}(/|$)`, message };
}
const NO = {
  features: layer('features', 'This layer imports no features/ (ARCHITECTURE.md): features sit above it.'),
  analysis: layer('analysis', 'The model (parse/, letters/ …) imports no analysis/: analysis sits above it.'),
  workspace: layer('workspace', 'This layer imports no workspace/ (ARCHITECTURE.md): the workspace supplies documents to it, not the other way.'),
  lsp: layer('lsp', 'Only server.ts imports lsp/.'),
  cli: layer('cli', 'Nothing imports cli/ but its own files.'),
};

/** no-restricted-imports with these groups; flat config replaces a rule's options, so each layer lists all of its own. */
function restrict(...patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}
/** The same for `import('…')` expressions and `import('…').Type`, which no-restricted-imports does not see. */
function restrictDynamic(modules) {
  const alternatives = modules.map((m) => m.replace(/[/.-]/g, (c) => `\\${c}`)).join('|');
  const message = 'A dynamic import follows the same layer rules as a static one (see eslint.config.mjs).';
  return {
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.value=/^(${alternatives})$/]`, message },
      { selector: `TSImportType[argument.literal.value=/^(${alternatives})$/]`, message },
    ],
  };
}

const SRC = 'server/src';
const layerRules = [
  {
    // The default for every folder of server/src (a new one included); the blocks below restate it with their own.
    name: 'layers/everywhere-but-lsp',
    files: [`${SRC}/**/*.ts`],
    ignores: [`${SRC}/lsp/**`, `${SRC}/server.ts`, `${SRC}/workspace/**`, `${SRC}/cli/**`],
    rules: { ...restrict(PROTOCOL, IO), ...restrictDynamic(IO_IMPORTS) },
  },
  {
    name: 'layers/workspace',
    files: [`${SRC}/workspace/**/*.ts`],
    rules: restrict(PROTOCOL, NO.features, NO.lsp, NO.cli),
  },
  {
    name: 'layers/cli',
    files: [`${SRC}/cli/**/*.ts`],
    rules: restrict(PROTOCOL, NO.lsp),
  },
  {
    name: 'layers/lsp',
    files: [`${SRC}/lsp/**/*.ts`],
    rules: restrict(IO, NO.cli),
  },
  {
    name: 'layers/analysis',
    files: [`${SRC}/analysis/**/*.ts`],
    rules: { ...restrict(PROTOCOL, IO, NO.features, NO.workspace, NO.lsp, NO.cli), ...restrictDynamic(IO_IMPORTS) },
  },
  {
    name: 'layers/features',
    files: [`${SRC}/features/**/*.ts`],
    rules: { ...restrict(PROTOCOL, IO, NO.workspace, NO.lsp, NO.cli), ...restrictDynamic(IO_IMPORTS) },
  },
  {
    name: 'layers/model',
    files: [`${SRC}/{text,parse,letters,citations}/**/*.ts`],
    rules: { ...restrict(PROTOCOL, IO, NO.features, NO.analysis, NO.workspace, NO.lsp, NO.cli), ...restrictDynamic(IO_IMPORTS) },
  },
  {
    name: 'layers/pure-libraries',
    files: [`${SRC}/{precedents,commitments}/**/*.ts`],
    rules: { ...restrict(PROTOCOL, IO, NO.features, NO.workspace, NO.lsp, NO.cli), ...restrictDynamic(IO_IMPORTS) },
  },

  // ---- Honest exceptions ----
  {
    // pdf.js runs in a worker thread so a hostile PDF can be stopped at its time and heap budget without stopping
    // the server (RELIABILITY.md): starting and answering that worker is the reading of the bytes the caller gave,
    // not IO of its own. No file is read here.
    name: 'layers/exception/pdf-worker',
    files: [`${SRC}/parse/pdf.ts`, `${SRC}/parse/pdfWorker.ts`],
    rules: {
      ...restrict(PROTOCOL, { group: IO_BUT_THREADS, message: IO.message }, NO.features, NO.analysis, NO.workspace, NO.lsp, NO.cli),
      ...restrictDynamic(IO_BUT_THREADS),
    },
  },
];

export default defineConfig(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.tools/**',
      'coverage/**',
      'test/fixtures/**',
      'test/e2e/fixtures/**',
      'test/bench/.out/**',
      'test/corpus/.out/**',
      'test/commitments/.out/**',
      'test/bench/results.json',
      '**/*.vsix',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    name: 'corresp/defaults',
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // A leading underscore marks what is left unused on purpose (a parameter an interface fixes, a rest sibling).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // Letters carry control characters (form feeds, stray C0/C1 bytes) and the escapers and validators match them
      // on purpose: every such regex is one that strips or escapes them.
      'no-control-regex': 'off',
    },
  },
  {
    name: 'corresp/commonjs',
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Functions these scripts hand to the browser (page.evaluate) run there, with the DOM's globals.
    name: 'corresp/e2e-browser',
    files: ['test/e2e/**/*.mjs'],
    languageOptions: { globals: { ...globals.browser } },
  },
  ...layerRules,
);
