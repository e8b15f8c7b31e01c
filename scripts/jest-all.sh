#!/usr/bin/env bash
# The whole jest suite in two runs (npm test's last step; README "Tests"):
#  1. unit, integration and integration on PostgreSQL on two workers: their files wait on servers, disks
#     and scrypt as much as on the CPU, so two at a time nearly halve the run on a 2-core runner;
#  2. end to end one file at a time: each starts whole platforms, n8n, Node-RED or Chromium, and the
#     chaos runs measure restarts, which a neighbour would distort.
# The second run goes on when the first failed, so one CI run shows every failure; both runs' failure
# digests are printed again at the end (CI keeps only the tail of the output).
set -uo pipefail
cd "$(dirname "$0")/.."

digest=$(mktemp)
trap 'rm -f "$digest"' EXIT
export JEST_FAILURE_DIGEST_FILE=$digest

npx jest --selectProjects unit int int-postgres --maxWorkers=2
first=$?
npx jest --selectProjects e2e --maxWorkers=1
second=$?

word() { if [ "$1" = 0 ]; then echo passed; else echo "FAILED (exit $1)"; fi; }
if [ -s "$digest" ]; then cat "$digest" >&2; fi
echo "[test] unit, int, int-postgres: $(word $first); e2e: $(word $second)"
[ "$first" = 0 ] && [ "$second" = 0 ]
