#!/usr/bin/env bash
# Installs what the Node-RED tests need into ${IPLUS_CACHE_DIR:-$HOME/.cache/iplus}/node-red/, never into
# the project's own node_modules: Node-RED 4.1 with node-red-node-test-helper (run on Node 20), and
# Node-RED 5 (it needs Node 22.9+: run on the Node 24 the n8n tests install, or one of our own).
# Idempotent: each part writes a stamp when it is complete, so a warm cache returns in well under a second.
# Prints the folder of each part; exits non-zero, naming the part, when an install fails.
set -euo pipefail

CACHE_ROOT="${IPLUS_CACHE_DIR:-$HOME/.cache/iplus}"
CACHE="$CACHE_ROOT/node-red"
NODE_RED_4="4.1.15"
NODE_RED_5="5.0.7"
TEST_HELPER="0.3.6"
NODE_VERSION="24"

# `install-node-red.sh --status` installs nothing: it prints "warm <cache>" when both Node-RED installs and a
# Node 24 (the n8n tests' or our own) are complete, else "cold <cache>" (.ci/run logs it).
if [ "${1:-}" = "--status" ]; then
  if [ -f "$CACHE/node-red-$NODE_RED_4/.complete" ] && [ -f "$CACHE/node-red-$NODE_RED_5/.complete" ] &&
    { [ -f "$CACHE_ROOT/n8n/node$NODE_VERSION/.complete" ] || [ -f "$CACHE/node$NODE_VERSION/.complete" ]; }; then
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

log() { echo "[install-node-red] $*" >&2; }

# A folder with its own package.json, so npm installs there and never walks up to a workspace root.
prepare() {
  mkdir -p "$1"
  printf '{ "name": "%s", "private": true, "allowScripts": %s }\n' "$2" "${3:-{\}}" >"$1/package.json"
}

# 1. Node-RED 4.1 and the test helper, for Node 20 (the machine's node). Install scripts off: the only
#    native module Node-RED may use (bcrypt) is optional, and it falls back to bcryptjs.
NR4_DIR="$CACHE/node-red-$NODE_RED_4"
if [ ! -f "$NR4_DIR/.complete" ]; then
  log "installing node-red@$NODE_RED_4 and node-red-node-test-helper@$TEST_HELPER into $NR4_DIR"
  prepare "$NR4_DIR" iplus-cache-node-red-4
  (cd "$NR4_DIR" && npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    "node-red@$NODE_RED_4" "node-red-node-test-helper@$TEST_HELPER" >&2) || { log "node-red $NODE_RED_4 failed"; exit 1; }
  touch "$NR4_DIR/.complete"
fi

# 2. Node 24: the one the n8n tests install when it is there, else our own.
N8N_NODE_DIR="$CACHE_ROOT/n8n/node$NODE_VERSION"
if [ -f "$N8N_NODE_DIR/.complete" ]; then
  NODE_DIR="$N8N_NODE_DIR"
else
  NODE_DIR="$CACHE/node$NODE_VERSION"
  if [ ! -f "$NODE_DIR/.complete" ]; then
    log "installing node@$NODE_VERSION into $NODE_DIR"
    prepare "$NODE_DIR" iplus-cache-node '{ "node": true }'
    (cd "$NODE_DIR" && npm install --no-save --no-package-lock --no-audit --no-fund "node@$NODE_VERSION" >&2) || { log "node $NODE_VERSION failed"; exit 1; }
    touch "$NODE_DIR/.complete"
  fi
fi
NODE_BIN="$NODE_DIR/node_modules/.bin"

# 3. Node-RED 5, installed with Node 24 first on PATH.
NR5_DIR="$CACHE/node-red-$NODE_RED_5"
if [ ! -f "$NR5_DIR/.complete" ]; then
  log "installing node-red@$NODE_RED_5 into $NR5_DIR"
  prepare "$NR5_DIR" iplus-cache-node-red-5
  (cd "$NR5_DIR" && PATH="$NODE_BIN:$PATH" npm install --no-save --no-package-lock --ignore-scripts --no-audit --no-fund \
    "node-red@$NODE_RED_5" >&2) || { log "node-red $NODE_RED_5 failed"; exit 1; }
  touch "$NR5_DIR/.complete"
fi

echo "NODE_RED_4_DIR=$NR4_DIR"
echo "NODE_RED_5_DIR=$NR5_DIR"
echo "NODE24_BIN=$NODE_BIN"
