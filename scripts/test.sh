#!/usr/bin/env bash
# `make test`: every suite, against a private throwaway PostgreSQL that this
# script starts and stops. Exits non-zero when any suite fails; prints a plain
# "N passed, N failed" line for each non-Go suite.
#
#   scripts/test.sh            vet, Go tests (race), frontend unit tests, browser tests
#   SUITES="go" scripts/test.sh    only some: any of vet go fuzz web e2e
#   SUITES=e2e E2E_ARGS="e2e/survey.spec.ts" scripts/test.sh   some browser tests only
set -uo pipefail
cd "$(dirname "$0")/.."
suites=${SUITES:-"vet go fuzz web e2e"}
has() { [[ " $suites " == *" $1 "* ]]; }

tmp=$(mktemp -d /tmp/p4test.XXXXXX)
chmod 755 "$tmp"
port=$(scripts/freeport.sh)
p4pid=""
cleanup() {
  [ -z "$p4pid" ] || kill -TERM "$p4pid" 2>/dev/null
  scripts/pg.sh stop "$tmp/pg" >/dev/null 2>&1
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== PostgreSQL (private, throwaway, port $port)"
scripts/pg.sh start "$tmp/pg" "$port" --throwaway >/dev/null || exit 1
P4_TEST_DATABASE_URL=$(scripts/pg.sh admin-url "$tmp/pg")
export P4_TEST_DATABASE_URL

failed=()
# phase prints a suite's heading and remembers how long the one before took
# (printed at the end: the whole run must stay under CI's 15 minutes).
timing=()
phase_name=""
phase_start=$SECONDS
phase() {
  [ -z "$phase_name" ] || timing+=("$phase_name $((SECONDS - phase_start))s")
  phase_name=$1
  phase_start=$SECONDS
  [ -z "${2:-}" ] || echo "== $2"
}

if has vet; then
  phase vet "go vet"
  go vet ./... || failed+=("go vet")
  bad=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './frontend/node_modules/*'))
  if [ -n "$bad" ]; then echo "gofmt would change: $bad"; failed+=("gofmt"); fi
fi

if has go; then
  phase go "go test -race"
  go test -race -count=1 ./... || failed+=("go test")
fi

if has fuzz; then
  phase fuzz "fuzz targets (short run each)"
  scripts/fuzz.sh "${FUZZTIME:-6s}" || failed+=("fuzz")
fi

if has web; then
  phase web "frontend unit tests"
  (cd frontend && npm test --silent) || failed+=("frontend unit tests")
fi

if has e2e; then
  phase e2e "browser tests (real p4 binary, real PostgreSQL, headless Chromium)"
  url=$(scripts/pg.sh url "$tmp/pg")
  e2eport=$(scripts/freeport.sh)
  export P4_DATABASE_URL=$url P4_ADDR=127.0.0.1:$e2eport P4_DATA_DIR=$tmp/files P4_LOG_FORMAT=json
  if bin/p4 migrate up >/dev/null && { ! bin/p4 demo --help >/dev/null 2>&1 || bin/p4 demo >"$tmp/demo.log"; }; then
    bin/p4 serve >"$tmp/p4.log" 2>&1 &
    p4pid=$!
    for _ in $(seq 1 100); do
      curl -fsS "http://127.0.0.1:$e2eport/readyz" >/dev/null 2>&1 && break
      sleep 0.1
    done
    (cd frontend && export P4_E2E_BASE_URL="http://127.0.0.1:$e2eport" P4_E2E_EMAIL=penilai1@p4.demo P4_E2E_PASSWORD=p4-demo-bengkulu &&
      if [ -n "${E2E_ARGS:-}" ]; then npx playwright test $E2E_ARGS; node scripts/summary.mjs playwright reports/playwright.json; else npm run e2e --silent; fi) || failed+=("browser tests")
    kill -TERM "$p4pid"; wait "$p4pid" || { echo "p4 did not exit cleanly on SIGTERM"; failed+=("p4 shutdown"); }
    p4pid=""
    if grep -q '"level":"ERROR"' "$tmp/p4.log"; then
      echo "p4 logged errors during the browser tests:"; grep '"level":"ERROR"' "$tmp/p4.log" | head -20
      failed+=("server errors during browser tests")
    fi
  else
    echo "could not prepare the e2e database"; failed+=("browser tests")
  fi
fi

phase done
echo
echo "time per suite: ${timing[*]} (all suites ${SECONDS}s, after the build)"
if [ ${#failed[@]} -gt 0 ]; then
  echo "make test: FAILED: ${failed[*]}"
  exit 1
fi
echo "make test: all suites passed"
