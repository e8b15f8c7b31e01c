#!/usr/bin/env bash
# npm test after scripts/ensure-test-tools.sh (README "Tests"): the build, then the type check beside the
# lint, then jest in three runs:
#  1. unit, integration and integration on PostgreSQL on two workers: their files wait on servers, disks
#     and scrypt as much as on the CPU, so two at a time nearly halve the run on a 2-core runner;
#  2. end to end but the two chaos runs, on two workers: each file starts whole platforms, n8n, Node-RED
#     or Chromium and waits on them (2026-12-07: 806 s one at a time, 507 s on two workers);
#  3. the two chaos runs (test/chaos/chaos.test.ts, two-instances.test.ts) one at a time and alone: they
#     measure restarts under load, which a neighbour would distort.
# A failed build, type check or lint stops it there. A jest run goes on when one before it failed, so one
# CI run shows every failure; every run's failure digest is printed again at the end (CI keeps only the
# tail of the output).
set -uo pipefail
cd "$(dirname "$0")/.."

npm run build --silent || exit

# The type check and the lint are one Node process each, and the runner has two cores: side by side,
# each one's output printed whole once both have ended.
logs=$(mktemp -d)
digest=$logs/failure-digest
trap 'rm -rf "$logs"' EXIT
npm run typecheck --silent >"$logs/typecheck" 2>&1 &
typecheck=$!
npm run lint --silent >"$logs/lint" 2>&1 &
lint=$!
wait $typecheck
typechecked=$?
wait $lint
linted=$?
for part in typecheck lint; do
  if [ -s "$logs/$part" ]; then
    echo "── npm run $part ──"
    cat "$logs/$part"
  fi
done
if [ $typechecked != 0 ] || [ $linted != 0 ]; then
  echo "[test] type check: exit $typechecked; lint: exit $linted (jest not run)"
  exit 1
fi

export JEST_FAILURE_DIGEST_FILE=$digest
npx jest --selectProjects unit int int-postgres --maxWorkers=2
first=$?
chaos='test/chaos/(chaos|two-instances)\.test\.ts$'
npx jest --selectProjects e2e --maxWorkers=2 --testPathPatterns 'test/e2e/' 'test/chaos/(?!(chaos|two-instances)\.test)'
second=$?
npx jest --selectProjects e2e --maxWorkers=1 --testPathPatterns "$chaos"
third=$?

word() { if [ "$1" = 0 ]; then echo passed; else echo "FAILED (exit $1)"; fi; }
if [ -s "$digest" ]; then cat "$digest" >&2; fi
echo "[test] unit, int, int-postgres: $(word $first); e2e: $(word $second); chaos: $(word $third)"
[ "$first" = 0 ] && [ "$second" = 0 ] && [ "$third" = 0 ]
