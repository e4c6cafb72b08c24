# P4 — the two commands are `make run` and `make test` (see README.md).
SHELL := /bin/bash
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
GOFLAGS_BUILD := -trimpath -ldflags "-s -w -X main.version=$(VERSION)"
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

.PHONY: run test build frontend lint deps deps-test e2e fuzz soak pg-start pg-stop clean

## run: install what is missing, start a local PostgreSQL if P4_DATABASE_URL is unset, migrate, load the demo data, serve on 127.0.0.1:8080
run: deps build
	@scripts/run.sh

## test: vet, Go tests with the race detector, fuzzers briefly, frontend unit tests and browser tests, on a private PostgreSQL
test: deps-test build
	@scripts/test.sh

## build: the web app and the p4 binary (bin/p4)
build: frontend
	go build $(GOFLAGS_BUILD) -o bin/p4 ./cmd/p4

frontend:
	cd frontend && npm run build --silent

deps:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test

## lint: gofmt, go vet and staticcheck (pinned)
lint: frontend
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: files above need formatting"; exit 1; }
	go vet ./...
	go run $(STATICCHECK) ./...

## e2e: only the browser tests
e2e: deps-test build
	@SUITES=e2e scripts/test.sh

## fuzz: every fuzz target for FUZZTIME (default 1m) each
fuzz:
	@scripts/fuzz.sh $${FUZZTIME:-1m}

## soak: the reliability and security tests SOAK_COUNT times (default 10) with the race detector, then every fuzz target for SOAK_FUZZTIME (default 1m); slow, not in make test
soak:
	@scripts/soak.sh

pg-start:
	@scripts/pg.sh start .data/pg $${P4_PG_PORT:-55432}

pg-stop:
	@scripts/pg.sh stop .data/pg

## clean: remove build output (keeps .data, the local database)
clean:
	rm -rf bin frontend/dist
