#!/usr/bin/env bash
# Runs every Go fuzz target for a short time (default 10s each), so that the
# fuzzers of all parsers of user input run in CI. Usage: scripts/fuzz.sh [DURATION]
#
# A finding is a failure ("Failing input written to testdata/fuzz/…": keep
# that file, it becomes a regression test). Go's fuzzer can also stop with a
# bare "context deadline exceeded" when -fuzztime ends while it is still
# minimizing a new interesting input (not a finding); such a run is retried
# once, and a second one fails the suite.
#
# A target whose func line follows a "//fuzz:short" line runs for FUZZ_SHORT
# (default 4s) instead when DURATION is given in seconds (the CI run); `make
# fuzz` (minutes) runs every target for the full DURATION. Slow-per-input
# targets (workbooks) and the security sweep's parsers are marked short to
# keep CI time down.
set -euo pipefail
cd "$(dirname "$0")/.."
t=${1:-10s}
status=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for pkg in $(go list ./...); do
  dir=$(go list -f '{{.Dir}}' "$pkg")
  for target in $(grep -ho '^func Fuzz[A-Za-z0-9_]*' "$dir"/*_test.go 2>/dev/null | sed 's/^func //' | sort -u); do
    tt=$t
    if [[ $t == *s && $t != *m* && $t != *h* ]] && grep -h -B1 "^func $target(" "$dir"/*_test.go | grep -q '^//fuzz:short'; then
      tt=${FUZZ_SHORT:-4s}
    fi
    for attempt in 1 2; do
      echo "fuzz $pkg $target ($tt)"
      if go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$tt" -fuzzminimizetime 2s >"$log" 2>&1; then
        break
      fi
      if [ "$attempt" = 1 ] && grep -q "context deadline exceeded" "$log" && ! grep -q "Failing input" "$log"; then
        echo "  stopped while minimizing (no finding); running it again"
        continue
      fi
      cat "$log"
      status=1
      break
    done
  done
done
exit $status
