/**
 * The two test runs (vitest.config.mts, CONTRIBUTING.md): `npm test` and `npm run test:slow`.
 *
 * How many inputs a property test tries: every fast-check `numRuns` is a base count times CORRESP_FUZZ_RUNS. The fast
 * run sets 0.2 (a fifth: every property still meets fresh inputs), test:slow 1 (the full count), and
 * CORRESP_FUZZ_RUNS=30 tries thirty times as many; unset, the full count. CORRESP_FUZZ_SEED replays a failure.
 *
 * `SLOW` marks a test only test:slow runs (timing ratios, the built bundles, very large inputs).
 */
import { vi, type TestOptions } from 'vitest';

export const FUZZ_FACTOR = Math.max(0.01, Number(process.env.CORRESP_FUZZ_RUNS ?? '1') || 1);

// More inputs take longer: the per-test time limit grows with the factor.
if (FUZZ_FACTOR > 1) vi.setConfig({ testTimeout: 30_000 * FUZZ_FACTOR });

/** `n` scaled by the factor, at least one. */
export function runs(n: number): number {
  return Math.max(1, Math.round(n * FUZZ_FACTOR));
}

/** fast-check parameters: the run count, and a seed from CORRESP_FUZZ_SEED to replay a failure. */
export function params(n: number): { numRuns: number; seed?: number } {
  const seed = process.env.CORRESP_FUZZ_SEED;
  return { numRuns: runs(n), ...(seed ? { seed: Number(seed) } : {}) };
}

/** Options of a test that only `npm run test:slow` runs: `npm test` passes `--tags-filter '!slow'`. */
export const SLOW: TestOptions = { tags: 'slow' };
