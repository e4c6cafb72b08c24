#!/usr/bin/env bash
# `make run`: serve P4 on P4_ADDR (default 127.0.0.1:8080) with the demo data.
# Without P4_DATABASE_URL it starts the private PostgreSQL in .data/pg (port
# P4_PG_PORT, default 55432), reused and kept between runs, and stops it when
# p4 stops.
set -euo pipefail
cd "$(dirname "$0")/.."

started_pg=""
if [ -z "${P4_DATABASE_URL:-}" ] && [ -z "${P4_DATABASE_URL_FILE:-}" ]; then
  P4_DATABASE_URL=$(scripts/pg.sh start .data/pg "${P4_PG_PORT:-55432}")
  export P4_DATABASE_URL
  started_pg=1
  echo "Local PostgreSQL: data in .data/pg (kept between runs)"
fi
stop_pg() { [ -z "$started_pg" ] || scripts/pg.sh stop .data/pg; }
trap stop_pg EXIT
export P4_DATA_DIR=${P4_DATA_DIR:-.data/files}

bin/p4 migrate up
if bin/p4 demo --help >/dev/null 2>&1; then
  bin/p4 demo --if-empty
fi

addr=${P4_ADDR:-127.0.0.1:8080}
cat <<TXT

  P4 is starting on http://$addr  (Ctrl-C stops it)
TXT
if [ -f docs/DEMO-LOGINS.txt ]; then
  echo "  Demo logins (password for all: see below):"
  sed 's/^/    /' docs/DEMO-LOGINS.txt
fi
echo
# Not exec: the trap stops PostgreSQL after p4 has drained and exited.
bin/p4 serve &
pid=$!
trap 'kill -TERM $pid 2>/dev/null; wait $pid; stop_pg; exit 0' INT TERM
wait $pid
