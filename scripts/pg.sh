#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for development and tests.
#
#   scripts/pg.sh start DIR PORT [--throwaway]   create (first time) and start; prints the URL
#   scripts/pg.sh stop DIR                       stop it (data is kept)
#   scripts/pg.sh url DIR                        print the URL of the p4 database
#   scripts/pg.sh admin-url DIR                  print the URL of the maintenance database
#
# The cluster listens on 127.0.0.1 only, keeps its socket in a private folder,
# and requires the generated password kept in DIR/../$(basename DIR).secret
# (mode 600). As root it runs as the `postgres` OS user (PostgreSQL refuses to
# run as root); otherwise as the current user. --throwaway turns fsync off:
# for test clusters whose data nobody needs after a crash.
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
cmd=${1:-}
dir=${2:-}
[ -n "$cmd" ] && [ -n "$dir" ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

die() { echo "pg.sh: $*" >&2; exit 1; }

if [ "$(id -u)" = 0 ]; then
  owner=postgres
  as_owner() { runuser -u postgres -- "$@"; }
else
  owner=$(id -un)
  as_owner() { "$@"; }
fi

mkdir -p "$(dirname "$dir")"
dir=$(cd "$(dirname "$dir")" && pwd)/$(basename "$dir")
secret="$dir.secret"

# The data folder must be reachable by its owner through every parent. When
# the checkout sits under a folder the postgres user cannot enter (e.g. /root),
# the data lives under /var/lib/p4 and DIR becomes a link to it.
resolve() {
  if [ "$owner" = postgres ] && [ ! -e "$dir" ] && ! runuser -u postgres -- test -x "$(dirname "$dir")"; then
    local real
    real=/var/lib/p4/pg-$(printf '%s' "$dir" | sha256sum | cut -c1-12)
    mkdir -p "$real"
    ln -s "$real" "$dir"
  fi
}

root() { readlink -f "$dir"; }
data() { echo "$(root)/data"; }
logfile() { echo "$(root)/postgres.log"; }
port_of() { sed -n "s/^port = '\?\([0-9]*\)'\?.*/\1/p" "$(data)/postgresql.auto.conf" 2>/dev/null | tail -1; }
sockdir() { echo "/tmp/p4pg.$(port_of)"; }
running() { [ -e "$dir" ] && as_owner "$PGBIN/pg_ctl" -D "$(data)" status >/dev/null 2>&1; }

url_for() {
  local db=$1 pw
  pw=$(cat "$secret")
  echo "postgres://p4:${pw}@127.0.0.1:$(port_of)/${db}?sslmode=disable"
}

case "$cmd" in
start)
  port=${3:-}
  [ -n "$port" ] || die "start needs a PORT"
  throwaway=${4:-}
  [ -x "$PGBIN/initdb" ] || die "PostgreSQL 15 server is not installed ($PGBIN/initdb missing): apt-get install -y postgresql-15"
  resolve
  if [ ! -s "$(data)/PG_VERSION" ]; then
    mkdir -p "$(data)"
    chown "$owner" "$(root)"
    umask 077
    head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$secret"
    chmod 600 "$secret"
    pwfile=$(mktemp)
    cp "$secret" "$pwfile"
    chown "$owner" "$(data)" "$pwfile"
    chmod 700 "$(data)"
    as_owner "$PGBIN/initdb" -D "$(data)" -U p4 --pwfile="$pwfile" -A scram-sha-256 --auth-local=peer \
      -E UTF8 --locale=C.UTF-8 -N >"$(root)/initdb.log" 2>&1 || { rm -f "$pwfile"; cat "$(root)/initdb.log" >&2; die "initdb failed"; }
    rm -f "$pwfile"
    {
      echo "listen_addresses = '127.0.0.1'"
      echo "port = $port"
      echo "unix_socket_directories = '/tmp/p4pg.$port'"
      echo "max_connections = 300"
      echo "shared_buffers = 256MB"
      if [ "$throwaway" = --throwaway ]; then
        echo "fsync = off"; echo "synchronous_commit = off"; echo "full_page_writes = off"
      fi
    } | as_owner tee -a "$(data)/postgresql.auto.conf" >/dev/null
    created=1
  fi
  if ! running; then
    sd=$(sockdir)
    mkdir -p "$sd" && chown "$owner" "$sd" && chmod 700 "$sd"
    as_owner "$PGBIN/pg_ctl" -D "$(data)" -l "$(logfile)" -w -t 60 start >/dev/null \
      || { tail -20 "$(logfile)" >&2; die "PostgreSQL did not start (log: $(logfile))"; }
  fi
  if [ "${created:-}" = 1 ]; then
    PGPASSWORD=$(cat "$secret") psql -X -q -h 127.0.0.1 -p "$(port_of)" -U p4 -d postgres -c "CREATE DATABASE p4" >/dev/null
  fi
  url_for p4
  ;;
stop)
  if running; then
    as_owner "$PGBIN/pg_ctl" -D "$(data)" -m fast -w stop >/dev/null
  fi
  ;;
url) [ -s "$secret" ] || die "no cluster at $dir"; url_for p4 ;;
admin-url) [ -s "$secret" ] || die "no cluster at $dir"; url_for postgres ;;
*) die "unknown command $cmd (start, stop, url, admin-url)" ;;
esac
