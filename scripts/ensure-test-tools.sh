#!/usr/bin/env bash
# Installs what `npm test` needs outside node_modules, before anything else runs: Chromium from Debian
# for the browser journeys (test/e2e/web). It is the first step of `npm test` and of `.ci/run`.
# - Chromium present at ${CHROMIUM_PATH:-/usr/bin/chromium}: nothing to do.
# - Missing, and this user is root or may sudo without a password: apt-get update, then
#   apt-get install -y --no-install-recommends chromium.
# - Missing otherwise: fails at once, printing the one command that fixes it.
# The n8n tools (Node 24, n8n, @n8n/node-cli) are installed by the n8n tests themselves
# (test/e2e/n8n/install-n8n.sh, cached in ${IPLUS_CACHE_DIR:-$HOME/.cache/iplus}/n8n).
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
FIX="sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium"

log() { echo "[ensure-test-tools] $*" >&2; }
fail() {
  echo "[ensure-test-tools] $*" >&2
  exit 1
}

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
  fail "Chromium is missing at $CHROMIUM and this machine has no apt-get: install Chromium with its package manager, then run the tests with CHROMIUM_PATH=/path/to/chromium npm test"
fi

if [ "$(id -u)" = "0" ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as_root=(sudo -n)
else
  fail "Chromium is missing at $CHROMIUM and this user may not install it (not root, no password-less sudo). Run: $FIX"
fi

log "Chromium is missing at $CHROMIUM: installing Debian's chromium (apt-get, a minute or two)"
started=$SECONDS
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 ||
  fail "apt-get update failed (above). Run: $FIX"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >&2 ||
  fail "apt-get install chromium failed (above). Run: $FIX"
if [ ! -x "$CHROMIUM" ]; then
  fail "apt-get installed chromium, yet $CHROMIUM is still missing: unset CHROMIUM_PATH, or point it at the chromium binary"
fi
log "installed Chromium at $CHROMIUM in $((SECONDS - started)) s"
