#!/usr/bin/env bash
# scripts/e2e/run.sh
#
# Owns: the one command CI (`npm run test:e2e`, .ci/run) or a developer runs for the real-editor
# tests:
#   1. install the tools if needed (idempotent; ~0.2 s when done)
#   2. package the extension: `npm run package` -> corresp.vsix (production bundles)
#   3. build: `node esbuild.mjs` (development bundles in dist/, for the Neovim test; also puts
#      dist/ back the way `npm run build` leaves it, source maps included)
#   4. the VS Code test: corresp.vsix in code-server + Chromium (test/e2e/vscode.mjs)
#   5. the Neovim test: Neovim's LSP client against dist/server.mjs (test/e2e/nvim-corresp.mjs)
#   6. the Neovim harness self-test (test/e2e/nvim.mjs --self-test, ~4 s): proves check-lsp.lua
#      still fails when it should, so a passing step 5 means something
# Exits non-zero if any step fails (the failing test prints its screenshot path and logs);
# closes with "e2e: N passed, N failed".
#
# Usage: scripts/e2e/run.sh [--smoke] [--update-screenshots]
#   --smoke               also run test/e2e/smoke.mjs (the harness against built-in VS Code
#                         features, no Corresp; ~15-20 s): for when the VS Code test fails and
#                         it is unclear whether the harness or the extension broke
#   --update-screenshots  the VS Code test also refreshes docs/screenshots/*.png
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

SMOKE=0 VSCODE_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --smoke) SMOKE=1 ;;
    --update-screenshots) VSCODE_ARGS+=(--update-screenshots) ;;
    -h|--help) sed -n '2,25p' "$0"; exit 0 ;;
    *) echo "run.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

T0=$SECONDS
bash scripts/e2e/install-tools.sh || { echo "e2e: tools could not be installed"; echo "e2e: 0 passed, 1 failed"; exit 1; }

passed=0 failed=0
run() {
  local name="$1"; shift
  local t=$SECONDS
  echo "[e2e] $name: $*"
  if "$@"; then passed=$((passed + 1)); echo "[e2e] $name: ok ($((SECONDS - t))s)"; return 0
  else failed=$((failed + 1)); echo "[e2e] $name: FAILED ($((SECONDS - t))s)"; return 1; fi
}
skip() { failed=$((failed + 1)); echo "[e2e] $1: SKIPPED ($2)"; }

packaged=1 built=1
run "package (npm run package)" npm run --silent package || packaged=0
run "build (node esbuild.mjs)" node esbuild.mjs || built=0
if [ "$packaged" = 1 ]; then run "vscode (code-server)" node test/e2e/vscode.mjs --vsix corresp.vsix "${VSCODE_ARGS[@]}"
else skip "vscode (code-server)" "no corresp.vsix"; fi
if [ "$built" = 1 ]; then run "neovim (dist/server.mjs)" node test/e2e/nvim-corresp.mjs
else skip "neovim (dist/server.mjs)" "the build failed"; fi
if [ "$built" = 1 ]; then run "neovim with the README's init.lua" node test/e2e/nvim-readme.mjs
else skip "neovim with the README's init.lua" "the build failed"; fi
if [ "$built" = 1 ]; then run "emacs eglot with the README's configuration" node test/e2e/emacs-readme.mjs
else skip "emacs eglot with the README's configuration" "the build failed"; fi
run "neovim harness self-test" node test/e2e/nvim.mjs --self-test
[ "$SMOKE" = 1 ] && run "code-server smoke" node test/e2e/smoke.mjs
echo "e2e: $passed passed, $failed failed ($((SECONDS - T0))s)"
[ "$failed" = 0 ]
