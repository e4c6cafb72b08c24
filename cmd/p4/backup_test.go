package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ombudsman-ri/p4/pgtest"
)

// Backup and restore round-trip the demo data with identical counts,
// scores, file hashes and an intact audit log.
func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := map[string]string{"P4_DATABASE_URL": pgtest.New(t), "P4_DATA_DIR": t.TempDir()}
	e, _, _ := testEnv(src)
	if err := run(ctx, e, []string{"demo"}); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "cadangan")
	e, out, _ := testEnv(src)
	if err := run(ctx, e, []string{"backup", "--out", dir}); err != nil {
		t.Fatalf("backup: %v", err)
	}
	if !strings.Contains(out.String(), "backup written") {
		t.Fatalf("backup printed %q", out)
	}
	dst := map[string]string{"P4_DATABASE_URL": pgtest.NewEmpty(t), "P4_DATA_DIR": t.TempDir()}
	e, out, _ = testEnv(dst)
	if err := run(ctx, e, []string{"restore", "--from", dir}); err != nil {
		t.Fatalf("restore: %v", err)
	}
	if !strings.Contains(out.String(), "counts and hashes match") {
		t.Fatalf("restore printed %q", out)
	}
	// The restored copy serves the same results and an intact audit log.
	scores := func(url string) string {
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		var s string
		if err := db.QueryRow(`SELECT string_agg(e.code || '=' || r.score::text || r.category, ',' ORDER BY e.code)
			FROM current_results c JOIN result_snapshots r ON r.id = c.snapshot_id JOIN entities e ON e.id = c.entity_id`).Scan(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	if a, b := scores(src["P4_DATABASE_URL"]), scores(dst["P4_DATABASE_URL"]); a != b || a == "" {
		t.Fatalf("scores differ after restore:\n%s\n%s", a, b)
	}
	// Every stored file is there, byte for byte: the restored folder holds a
	// file for each blob row, whose SHA-256 is its name, the same set as the source.
	hashes := func(url, dir string) string {
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT sha256 FROM blobs ORDER BY sha256`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var all []string
		for rows.Next() {
			var sha string
			rows.Scan(&sha)
			b, err := os.ReadFile(filepath.Join(dir, "blobs", sha[:2], sha))
			if err != nil {
				t.Fatalf("file of blob %s: %v", sha, err)
			}
			if got := fmt.Sprintf("%x", sha256.Sum256(b)); got != sha {
				t.Fatalf("file of blob %s hashes to %s", sha, got)
			}
			all = append(all, sha)
		}
		return strings.Join(all, ",")
	}
	if a, b := hashes(src["P4_DATABASE_URL"], src["P4_DATA_DIR"]), hashes(dst["P4_DATABASE_URL"], dst["P4_DATA_DIR"]); a != b || a == "" {
		t.Fatalf("evidence files differ after restore:\n%s\n%s", a, b)
	}
	e, out, _ = testEnv(dst)
	if err := run(ctx, e, []string{"audit", "verify"}); err != nil {
		t.Fatalf("audit verify on the restored copy: %v", err)
	}
	// Restoring again into the now non-empty database is refused.
	e, _, _ = testEnv(dst)
	if err := run(ctx, e, []string{"restore", "--from", dir}); err == nil || !strings.Contains(err.Error(), "not empty") {
		t.Fatalf("restore into a non-empty database: %v", err)
	}
}
