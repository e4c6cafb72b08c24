#!/usr/bin/env bash
# Installs what `make run` and `make test` need and the machine lacks:
# PostgreSQL 15 (server), Chromium for browser tests, LibreOffice Calc for the
# Excel tests, Go modules, and the web app's npm packages from the lockfile.
# Safe to run again: it only acts on what is missing or out of date.
#
#   scripts/deps.sh run    what `make run` needs
#   scripts/deps.sh test   also Chromium and LibreOffice Calc
set -euo pipefail
cd "$(dirname "$0")/.."
want=${1:-run}

apt_install() {
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "deps: need root or sudo to install: $*" >&2; exit 1; }
    sudo=sudo
  fi
  if [ -z "${APT_UPDATED:-}" ]; then
    $sudo apt-get update -qq
    APT_UPDATED=1
  fi
  echo "deps: installing $* (Debian packages)"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

command -v go >/dev/null || { echo "deps: Go is missing: install Go 1.26 (https://go.dev/doc/install)" >&2; exit 1; }
command -v npm >/dev/null || { echo "deps: Node.js and npm are missing: apt-get install nodejs npm (Node 20+)" >&2; exit 1; }

pkgs=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || pkgs+=(postgresql-15)
command -v psql >/dev/null || pkgs+=(postgresql-client-15)
if [ "$want" = test ]; then
  [ -x /usr/bin/chromium ] || pkgs+=(chromium)
  # The Excel tests open every workbook P4 writes in LibreOffice (soffice
  # --convert-to pdf), as a user's office suite would; about 25 s to install.
  command -v soffice >/dev/null || pkgs+=(libreoffice-calc-nogui)
fi
[ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}"

go mod download

# npm packages: reinstall when the lockfile changed since the last install.
stamp=frontend/node_modules/.p4-lock-sha256
sum=$(sha256sum frontend/package-lock.json | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$sum" ]; then
  echo "deps: npm ci (frontend)"
  (cd frontend && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
  echo "$sum" > "$stamp"
  # Keep any Go files inside npm packages out of `go ./...`.
  echo "module ignore_node_modules" > frontend/node_modules/go.mod
fi
