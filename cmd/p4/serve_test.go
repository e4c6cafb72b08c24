package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	_ "github.com/jackc/pgx/v5/stdlib"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ombudsman-ri/p4/migrations"
	"github.com/ombudsman-ri/p4/pgtest"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func testEnv(vars map[string]string) (env, *syncBuffer, *syncBuffer) {
	out, errb := &syncBuffer{}, &syncBuffer{}
	return env{strings.NewReader(""), out, errb, envOf(vars)}, out, errb
}

func TestServeRefusesStoppedDatabase(t *testing.T) {
	e, _, _ := testEnv(map[string]string{"P4_DATABASE_URL": "postgres://p4:pw@" + freeAddr(t) + "/p4", "P4_ADDR": freeAddr(t)})
	err := run(context.Background(), e, []string{"serve"})
	if err == nil {
		t.Fatal("serve started on a stopped database")
	}
	msg := err.Error()
	if !strings.Contains(msg, "connection refused") || strings.Contains(msg, "\n") || strings.Contains(msg, "pw") {
		t.Fatalf("got %q, want one line naming the refused connection, without the password", msg)
	}
}

func TestServeRefusesOutdatedSchema(t *testing.T) {
	e, _, _ := testEnv(map[string]string{"P4_DATABASE_URL": pgtest.NewEmpty(t), "P4_ADDR": freeAddr(t), "P4_DATA_DIR": t.TempDir()})
	err := run(context.Background(), e, []string{"serve"})
	if err == nil || !strings.Contains(err.Error(), "p4 migrate up") {
		t.Fatalf("got %v, want an error naming `p4 migrate up`", err)
	}
}

func TestMigrateUpThenServeAndStop(t *testing.T) {
	url := pgtest.NewEmpty(t)
	addr := freeAddr(t)
	vars := map[string]string{"P4_DATABASE_URL": url, "P4_ADDR": addr, "P4_DATA_DIR": t.TempDir(), "P4_SHUTDOWN_TIMEOUT": "5s"}

	e, out, _ := testEnv(vars)
	if err := run(context.Background(), e, []string{"migrate", "up"}); err != nil {
		t.Fatalf("migrate up: %v", err)
	}
	if !strings.Contains(out.String(), "applied 0001_sessions.sql") {
		t.Fatalf("migrate up printed %q", out.String())
	}
	e, out, _ = testEnv(vars)
	if err := run(context.Background(), e, []string{"migrate", "status"}); err != nil {
		t.Fatalf("migrate status: %v", err)
	}
	if strings.Contains(out.String(), "pending") {
		t.Fatalf("status after up shows pending migrations:\n%s", out)
	}

	ctx, cancel := context.WithCancel(context.Background())
	e, _, logs := testEnv(vars)
	done := make(chan error, 1)
	go func() { done <- run(ctx, e, []string{"serve"}) }()
	base := "http://" + addr
	waitFor(t, base+"/healthz", done)

	cases := []struct {
		path   string
		status int
		ctype  string
	}{
		{"/healthz", 200, "application/json"},
		{"/readyz", 200, "application/json"},
		{"/api/v1/nope", 404, "application/problem+json"},
		{"/", 200, "text/html"},
		{"/publik/peringkat", 200, "text/html"},
	}
	for _, tc := range cases {
		resp, err := http.Get(base + tc.path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != tc.status || !strings.HasPrefix(resp.Header.Get("Content-Type"), tc.ctype) {
			t.Errorf("%s: got %d %s, want %d %s", tc.path, resp.StatusCode, resp.Header.Get("Content-Type"), tc.status, tc.ctype)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("%s: security headers missing", tc.path)
		}
		if tc.status == 404 {
			var p map[string]any
			if err := json.Unmarshal(body, &p); err != nil || p["status"] != float64(404) || p["code"] != "not_found" {
				t.Errorf("%s: problem body %s", tc.path, body)
			}
		}
	}

	cancel() // what SIGTERM does in main
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("serve after stop: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
	if !strings.Contains(logs.String(), "route=/readyz") || !strings.Contains(logs.String(), "request_id=") {
		t.Errorf("access log lacks route or request id:\n%s", logs)
	}
}

func TestReadyzFailsWhenSchemaFallsBehind(t *testing.T) {
	url := pgtest.New(t)
	addr := freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e, _, _ := testEnv(map[string]string{"P4_DATABASE_URL": url, "P4_ADDR": addr, "P4_DATA_DIR": t.TempDir()})
	done := make(chan error, 1)
	go func() { done <- run(ctx, e, []string{"serve"}) }()
	waitFor(t, "http://"+addr+"/healthz", done)

	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// Pretend another p4 migrated this database to a version this one lacks.
	if _, err := db.Exec(`INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`); err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get("http://" + addr + "/readyz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable {
		t.Fatalf("readyz on a schema this p4 does not know: got %d, want 503", resp.StatusCode)
	}
	if _, err := migrations.Check(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	cancel()
	<-done
}

func waitFor(t *testing.T, url string, done <-chan error) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		select {
		case err := <-done:
			t.Fatalf("server exited early: %v", err)
		default:
		}
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("%s never answered", url)
}
