import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Two runs of one suite (CONTRIBUTING.md):
//   npm test           → project "fast": unit, features, the CLI in-process, the example thread over LSP, and every
//                        property test at a fifth of its inputs (CORRESP_FUZZ_RUNS=0.2); tests tagged `slow` are left
//                        out (`--tags-filter '!slow'`). Under a minute on two cores.
//   npm run test:slow  → project "slow": the files below whole, property tests at their full count (or
//                        CORRESP_FUZZ_RUNS), the timing-ratio checks, the built bundles and every LSP test.
// Every test is in at least one of the two; `npx vitest run` with no --project runs both.
// Real-editor tests (test/e2e) and the benchmark (test/bench) have their own npm scripts.

/** Files only test:slow runs: the language server over stdio and IPC, the built bundles, timing ratios. */
const SLOW_ONLY = [
  'test/lsp/!(server).test.ts', // every LSP test but server.test.ts (the example thread over stdio), which npm test keeps
  'test/unit/reliability/pathological.test.ts', // linear-time checks of every regular expression, 1e5-sized inputs
  'test/unit/commitments/reliability.test.ts', // linear-time checks of the commitment readers
  'test/unit/security/noNetwork.test.ts', // the bundles, spawned, with a module-load hook
  'test/unit/security/installedBundle.test.ts', // the CLI bundle copied away from node_modules
  'test/unit/security/builtins.test.ts', // needs modules of its own: pdf.js loaded for the first time (isolate)
  'test/unit/reliability/memory.test.ts', // heap measured after forced GCs: wants a process of its own
];
/** Files with property tests (again at their full count) or tests tagged `slow`: test:slow runs them whole. */
const MIXED = [
  'test/unit/reliability/{arbitrary,docx,files,frontMatter,gfmTables,markdownChunks,mutations,pdfBudget}.test.ts',
  'test/unit/citations/properties.test.ts',
  'test/unit/export/{ascii,edgarHtml}.test.ts',
  'test/unit/security/teamRegex.test.ts',
  'test/unit/cli/{closedStdout,docs}.test.ts',
  'test/unit/grammar.test.ts',
];

const fuzzRuns = (fallback: string) => process.env.CORRESP_FUZZ_RUNS ?? fallback;

export default defineConfig({
  test: {
    exclude: ['test/e2e/**', 'test/bench/**', 'node_modules/**'],
    // CORRESP_CACHE_DIR: a temporary analysis cache for the run, never the user's.
    globalSetup: ['test/cacheSetup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A test that asserts nothing (a loop over nothing, a branch never taken) fails instead of passing.
    expect: { requireAssertions: true },
    // Every core (vitest leaves one free by default: on two cores, one worker).
    maxWorkers: availableParallelism(),
    tags: [{ name: 'slow', description: 'Only in npm run test:slow: timing ratios, the built bundles, very large inputs.' }],
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: [...SLOW_ONLY, 'test/e2e/**', 'test/bench/**', 'node_modules/**'],
          env: { CORRESP_FUZZ_RUNS: fuzzRuns('0.2') },
          // Test files share a worker's modules (loaded and compiled once, not once per file): a test must leave no
          // module state behind it (restore its spies), and one that needs fresh modules goes in SLOW_ONLY.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: ['test/lsp/**/*.test.ts', ...SLOW_ONLY, ...MIXED],
          env: { CORRESP_FUZZ_RUNS: fuzzRuns('1') },
          // One file at a time, so a timing ratio is measured on a core of its own; a long limit, as these are big
          // inputs (a hang still fails).
          maxWorkers: 1,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
