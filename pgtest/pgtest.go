// Package pgtest gives each test its own PostgreSQL database: a clone of a
// template that has every migration applied, dropped when the test ends.
//
// The server comes from P4_TEST_DATABASE_URL, the URL of a maintenance
// database (usually .../postgres) on a server the tests may create databases
// on. `make test` starts a private server and sets it. Without it a test fails
// with a message naming that command: a test that needs PostgreSQL never
// silently passes.
package pgtest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver

	"github.com/ombudsman-ri/p4/migrations"
)

// EnvURL names the variable holding the maintenance database URL.
const EnvURL = "P4_TEST_DATABASE_URL"

var (
	templateOnce sync.Once
	templateName string
	templateErr  error
)

// AdminURL returns the maintenance database URL, failing the test when unset.
func AdminURL(t testing.TB) string {
	t.Helper()
	u := os.Getenv(EnvURL)
	if u == "" {
		t.Fatalf("%s is not set: this test needs PostgreSQL. Run `make test`, which starts a private PostgreSQL and sets it.", EnvURL)
	}
	return u
}

// New creates a fresh database with every migration applied and returns its
// URL. The database is dropped when the test and its subtests end.
func New(t testing.TB) string {
	t.Helper()
	admin := AdminURL(t)
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(admin) })
	if templateErr != nil {
		t.Fatalf("pgtest: prepare template database: %v", templateErr)
	}
	return create(t, admin, templateName)
}

// NewEmpty creates a fresh database without any migration applied, for tests
// of the migrations themselves and of an outdated schema.
func NewEmpty(t testing.TB) string {
	t.Helper()
	return create(t, AdminURL(t), "template0")
}

func create(t testing.TB, admin, template string) string {
	t.Helper()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	defer db.Close()
	name := "p4test_" + randomHex(8)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	// Concurrent clones of one template can meet "being accessed by other
	// users" while another clone is starting: retry briefly.
	for attempt := 0; ; attempt++ {
		_, err = db.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, name, template))
		if err == nil || attempt == 20 || !strings.Contains(err.Error(), "being accessed by other users") {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("pgtest: create database: %v (is the server at %s running? `make test` starts one)", err, redact(admin))
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", admin)
		if err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
			return
		}
		defer db.Close()
		if _, err := db.Exec(fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, name)); err != nil {
			t.Errorf("pgtest: drop %s: %v", name, err)
		}
	})
	return WithDatabase(admin, name)
}

// WithDatabase returns url with its database name replaced.
func WithDatabase(raw, name string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return raw
	}
	u.Path = "/" + name
	return u.String()
}

// ensureTemplate creates, once per set of migrations, a database with every
// migration applied. Test binaries of several packages run at once, so the
// work happens under an advisory lock and the template appears by rename only
// when complete.
func ensureTemplate(admin string) (string, error) {
	sum, err := migrationsHash()
	if err != nil {
		return "", err
	}
	name := "p4tmpl_" + sum
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return "", fmt.Errorf("connect to %s: %w", redact(admin), err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(727274)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(727274)`) //nolint:errcheck
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	build := name + "_build"
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, build)); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE template0`, build)); err != nil {
		return "", err
	}
	tdb, err := sql.Open("pgx", WithDatabase(admin, build))
	if err != nil {
		return "", err
	}
	_, err = migrations.Up(ctx, tdb, nil)
	tdb.Close()
	if err != nil {
		return "", fmt.Errorf("migrate template: %w", err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`ALTER DATABASE %s RENAME TO %s`, build, name)); err != nil {
		return "", err
	}
	return name, nil
}

func migrationsHash() (string, error) {
	h := sha256.New()
	err := fs.WalkDir(migrations.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(migrations.FS(), path)
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%s\x00%d\x00", path, len(b))
		h.Write(b)
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16], err
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	return u.Redacted()
}

var (
	seededMu sync.Mutex
	seeded   = map[string]string{}
)

// NewSeeded creates a fresh database cloned from a template that has every
// migration applied and then seed run on it once (per set of migrations and
// key, across test binaries). Use it when many tests need the same costly
// data, e.g. the demo data set.
func NewSeeded(t testing.TB, key string, seed func(url string) error) string {
	t.Helper()
	admin := AdminURL(t)
	templateOnce.Do(func() { templateName, templateErr = ensureTemplate(admin) })
	if templateErr != nil {
		t.Fatalf("pgtest: prepare template database: %v", templateErr)
	}
	seededMu.Lock()
	name, ok := seeded[key]
	if !ok {
		var err error
		name, err = ensureSeeded(admin, templateName, key, seed)
		if err != nil {
			seededMu.Unlock()
			t.Fatalf("pgtest: prepare seeded template %q: %v", key, err)
		}
		seeded[key] = name
	}
	seededMu.Unlock()
	return create(t, admin, name)
}

func ensureSeeded(admin, base, key string, seed func(string) error) (string, error) {
	name := base + "_" + key
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		return "", err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return "", err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(727275)`); err != nil {
		return "", err
	}
	defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(727275)`) //nolint:errcheck
	var exists bool
	if err := conn.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)`, name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	build := name + "_build"
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`DROP DATABASE IF EXISTS %s WITH (FORCE)`, build)); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`CREATE DATABASE %s TEMPLATE %s`, build, base)); err != nil {
		return "", err
	}
	if err := seed(WithDatabase(admin, build)); err != nil {
		return "", err
	}
	// The seed's connections must be gone before the rename and before cloning.
	if _, err := conn.ExecContext(ctx, `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, build); err != nil {
		return "", err
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf(`ALTER DATABASE %s RENAME TO %s`, build, name)); err != nil {
		return "", err
	}
	return name, nil
}
