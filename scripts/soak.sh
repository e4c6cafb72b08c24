#!/usr/bin/env bash
# `make soak`: the reliability and security tests again and again, with the
# race detector, on a private throwaway PostgreSQL, then every fuzz target
# for longer than CI gives it. Slow by design (about 15 minutes on 2 cores
# with the defaults); not part of `make test`. docs/OPERATIONS.md describes it.
#
#   SOAK_COUNT=10 SOAK_FUZZTIME=1m scripts/soak.sh
set -uo pipefail
cd "$(dirname "$0")/.."
count=${SOAK_COUNT:-10}
fuzztime=${SOAK_FUZZTIME:-1m}
tmp=$(mktemp -d /tmp/p4soak.XXXXXX)
chmod 755 "$tmp"
port=$(scripts/freeport.sh)
cleanup() {
  scripts/pg.sh stop "$tmp/pg" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT
echo "== PostgreSQL (private, throwaway, port $port)"
scripts/pg.sh start "$tmp/pg" "$port" --throwaway >/dev/null || exit 1
P4_TEST_DATABASE_URL=$(scripts/pg.sh admin-url "$tmp/pg")
export P4_TEST_DATABASE_URL
failed=()
run='TestStopUnderLoadLosesNoAcknowledgedSave|TestMigrateCommandTwiceAndConcurrently|TestBackupRestoreRoundTrip|TestConcurrentAutosaveOverHTTP|TestDuplicateRequestsTakeEffectOnce|TestConcurrentSavesOfOneAnswer|TestRecomputeKilledMidwayLeavesLastSnapshotWhole|TestRecomputeIsAtomic|TestConcurrentMigratorsAreSafe|TestSessionsEndOnEveryInstance|TestJobsAcrossInstances'
echo "== reliability tests, $count times each, with the race detector"
go test -race -count="$count" -run "^($run)\$" ./api ./cmd/p4 ./assessment/pgstore ./migrations || failed+=("reliability")
echo "== security sweep, $count times"
go test -race -count="$count" -run '^(TestIDORInBodyAndQueryFields|TestMassAssignmentIsRefused|TestWorkflowBypassIsRefused|TestUploadAttacks|TestErrorBodiesLeakNothing)$' ./api || failed+=("security")
echo "== fuzz targets, $fuzztime each"
scripts/fuzz.sh "$fuzztime" || failed+=("fuzz")
if [ ${#failed[@]} -gt 0 ]; then
  echo "soak: FAILED: ${failed[*]}"
  exit 1
fi
echo "soak: passed"
