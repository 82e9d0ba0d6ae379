import { defineConfig } from 'vitest/config';

// Unit, feature and LSP tests. Real-editor tests (test/e2e) and the benchmark (test/bench)
// have their own npm scripts: they need a built .vsix, code-server, Chromium or Neovim.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'test/bench/**', 'node_modules/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
