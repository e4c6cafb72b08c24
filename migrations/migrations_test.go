package migrations_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"

	"github.com/ombudsman-ri/p4/migrations"
	"github.com/ombudsman-ri/p4/pgtest"
)

func open(t *testing.T, url string) *sql.DB {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestUpFromEmptyThenNoop(t *testing.T) {
	ctx := context.Background()
	db := open(t, pgtest.NewEmpty(t))

	st, err := migrations.Check(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if st.UpToDate() || st.Current != 0 || len(st.Pending) == 0 {
		t.Fatalf("empty database: got current %d pending %v, want 0 and every file pending", st.Current, st.Pending)
	}

	applied, err := migrations.Up(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(applied) != len(st.Pending) {
		t.Fatalf("first up applied %v, want %v", applied, st.Pending)
	}
	again, err := migrations.Up(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Fatalf("second up applied %v, want nothing", again)
	}
	st, err = migrations.Check(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !st.UpToDate() || st.Current != st.Latest {
		t.Fatalf("after up: got current %d latest %d pending %v dirty %v", st.Current, st.Latest, st.Pending, st.Dirty)
	}
}

func TestConcurrentMigratorsAreSafe(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewEmpty(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := sql.Open("pgx", url)
			if err != nil {
				errs[i] = err
				return
			}
			defer db.Close()
			_, errs[i] = migrations.Up(ctx, db, nil)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("migrator %d: %v", i, err)
		}
	}
	db := open(t, url)
	st, err := migrations.Check(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	if !st.UpToDate() {
		t.Fatalf("after concurrent up: pending %v dirty %v", st.Pending, st.Dirty)
	}
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM goose_db_version WHERE version_id > 0`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(st.Applied) {
		t.Fatalf("goose_db_version has %d rows, want %d (each migration once)", n, len(st.Applied))
	}
}

func TestDirtyStatesAreRefused(t *testing.T) {
	cases := []struct {
		name   string
		tamper string
		want   string
	}{
		{"unknown newer version", `INSERT INTO goose_db_version (version_id, is_applied) VALUES (99999, true)`, "unknown to this p4"},
		{"edited applied file", `UPDATE p4_migration_checksums SET sha256 = repeat('0', 64) WHERE version = 1`, "edited after it was applied"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			db := open(t, pgtest.New(t))
			if _, err := db.Exec(tc.tamper); err != nil {
				t.Fatal(err)
			}
			_, err := migrations.Up(ctx, db, nil)
			var dirty *migrations.DirtyError
			if !errors.As(err, &dirty) {
				t.Fatalf("got %v, want a DirtyError", err)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %q, want it to mention %q", err, tc.want)
			}
		})
	}
}
