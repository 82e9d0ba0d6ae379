#!/usr/bin/env bash
# scripts/e2e/run.sh
#
# Owns: the one command CI (or a developer) runs for the real-editor tests: install the tools
# if needed (idempotent, fast when done), then the code-server smoke test and the Neovim
# harness self-test. Exits non-zero if any of them fails; prints a closing
# "e2e: N passed, N failed" line.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

bash scripts/e2e/install-tools.sh || { echo "e2e: tools could not be installed"; echo "e2e: 0 passed, 1 failed"; exit 1; }

passed=0 failed=0
run() {
  local name="$1"; shift
  local t=$SECONDS
  if "$@"; then passed=$((passed + 1)); echo "[e2e] $name: ok ($((SECONDS - t))s)"
  else failed=$((failed + 1)); echo "[e2e] $name: FAILED ($((SECONDS - t))s)"; fi
}
run "code-server smoke" node test/e2e/smoke.mjs
run "neovim harness self-test" node test/e2e/nvim.mjs --self-test
echo "e2e: $passed passed, $failed failed"
[ "$failed" = 0 ]
