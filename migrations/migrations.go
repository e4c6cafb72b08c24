// Package migrations holds the numbered SQL files that define P4's database
// schema, embedded in the binary, and applies them with goose.
//
// A schema change is a new file NNNN_what.sql that opens with a comment on why.
// Applied files are never edited: a checksum of each applied file is recorded,
// and an edited or unknown migration makes the schema "dirty", which Up and
// Check refuse to guess about.
package migrations

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"path"
	"slices"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed *.sql
var files embed.FS

// FS returns the embedded migration files.
func FS() fs.FS { return files }

// ErrOutdated reports a schema that lacks migrations this binary has.
var ErrOutdated = errors.New("database schema is outdated: run `p4 migrate up`")

// DirtyError reports a schema state that Up refuses to repair by guessing:
// migrations applied that this binary does not know, or applied files whose
// contents have changed since.
type DirtyError struct {
	Problems []string
}

func (e *DirtyError) Error() string {
	return "database schema is in a state p4 will not guess about: " + strings.Join(e.Problems, "; ")
}

// Status describes the schema of one database against the embedded files.
type Status struct {
	Current    int64    // highest applied version (0 when none)
	Latest     int64    // highest embedded version
	Pending    []string // embedded files not yet applied, in order
	Applied    []string // embedded files applied, in order
	Dirty      []string // problems that make the state unsafe to migrate
	Migrations []MigrationStatus
}

// MigrationStatus is one embedded migration and whether it is applied.
type MigrationStatus struct {
	Version   int64
	File      string
	Applied   bool
	AppliedAt string
}

// UpToDate reports whether every embedded migration is applied and nothing is dirty.
func (s Status) UpToDate() bool { return len(s.Pending) == 0 && len(s.Dirty) == 0 }

const checksumTable = "p4_migration_checksums"

func newProvider(db *sql.DB, logger *slog.Logger) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithSessionLocker(locker), goose.WithDisableGlobalRegistry(true)}
	if logger != nil {
		opts = append(opts, goose.WithSlog(logger))
	}
	return goose.NewProvider(goose.DialectPostgres, db, files, opts...)
}

// Check compares the database with the embedded migrations without changing anything.
func Check(ctx context.Context, db *sql.DB) (Status, error) {
	var st Status
	p, err := newProvider(db, nil)
	if err != nil {
		return st, err
	}
	sources := p.ListSources()
	known := map[int64]string{}
	for _, s := range sources {
		known[s.Version] = path.Base(s.Path)
		if s.Version > st.Latest {
			st.Latest = s.Version
		}
	}
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass('goose_db_version') IS NOT NULL`).Scan(&exists); err != nil {
		return st, fmt.Errorf("read schema version: %w", err)
	}
	applied := map[int64]string{}
	if exists {
		rows, err := db.QueryContext(ctx, `SELECT version_id, max(tstamp)::text FROM goose_db_version WHERE is_applied AND version_id > 0 GROUP BY version_id ORDER BY version_id`)
		if err != nil {
			return st, fmt.Errorf("read schema version: %w", err)
		}
		for rows.Next() {
			var v int64
			var at string
			if err := rows.Scan(&v, &at); err != nil {
				rows.Close()
				return st, err
			}
			applied[v] = at
			if v > st.Current {
				st.Current = v
			}
			if _, ok := known[v]; !ok {
				st.Dirty = append(st.Dirty, fmt.Sprintf("version %d is applied but unknown to this p4 (a newer p4 migrated this database?)", v))
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return st, err
		}
	}
	sums, err := storedChecksums(ctx, db)
	if err != nil {
		return st, err
	}
	for _, s := range sources {
		name := path.Base(s.Path)
		at, ok := applied[s.Version]
		st.Migrations = append(st.Migrations, MigrationStatus{Version: s.Version, File: name, Applied: ok, AppliedAt: at})
		if !ok {
			st.Pending = append(st.Pending, name)
			if s.Version < st.Current {
				st.Dirty = append(st.Dirty, fmt.Sprintf("%s is not applied but later versions are", name))
			}
			continue
		}
		st.Applied = append(st.Applied, name)
		want, err := checksum(name)
		if err != nil {
			return st, err
		}
		if got, ok := sums[s.Version]; ok && got != want {
			st.Dirty = append(st.Dirty, fmt.Sprintf("%s was edited after it was applied (checksum %s…, applied %s…)", name, want[:12], got[:12]))
		}
	}
	return st, nil
}

// Up applies every pending migration in order, each in its own transaction,
// under a PostgreSQL advisory lock so that two migrators at once are safe. It
// refuses a dirty schema. It returns the names of the files it applied.
func Up(ctx context.Context, db *sql.DB, logger *slog.Logger) ([]string, error) {
	p, err := newProvider(db, logger)
	if err != nil {
		return nil, err
	}
	st, err := Check(ctx, db)
	if err != nil {
		return nil, err
	}
	if len(st.Dirty) > 0 {
		return nil, &DirtyError{Problems: st.Dirty}
	}
	results, err := p.Up(ctx)
	var applied []string
	for _, r := range results {
		if r.Error == nil {
			applied = append(applied, path.Base(r.Source.Path))
		}
	}
	if err != nil {
		return applied, fmt.Errorf("migrate up: %w", err)
	}
	if err := recordChecksums(ctx, db); err != nil {
		return applied, err
	}
	return applied, nil
}

func checksum(name string) (string, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

func storedChecksums(ctx context.Context, db *sql.DB) (map[int64]string, error) {
	out := map[int64]string{}
	var exists bool
	if err := db.QueryRowContext(ctx, `SELECT to_regclass($1) IS NOT NULL`, checksumTable).Scan(&exists); err != nil || !exists {
		return out, err
	}
	rows, err := db.QueryContext(ctx, `SELECT version, sha256 FROM `+checksumTable)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var v int64
		var s string
		if err := rows.Scan(&v, &s); err != nil {
			return nil, err
		}
		out[v] = s
	}
	return out, rows.Err()
}

// recordChecksums stores the checksum of each applied file the first time it
// is seen; later runs compare against it.
func recordChecksums(ctx context.Context, db *sql.DB) error {
	if _, err := db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS `+checksumTable+` (version bigint PRIMARY KEY, file text NOT NULL, sha256 text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("record migration checksums: %w", err)
	}
	names, err := fs.Glob(files, "*.sql")
	if err != nil {
		return err
	}
	slices.Sort(names)
	for _, name := range names {
		v, err := versionOf(name)
		if err != nil {
			return err
		}
		sum, err := checksum(name)
		if err != nil {
			return err
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO `+checksumTable+` (version, file, sha256)
			SELECT $1, $2, $3 WHERE EXISTS (SELECT 1 FROM goose_db_version WHERE version_id = $1 AND is_applied)
			ON CONFLICT (version) DO NOTHING`, v, name, sum); err != nil {
			return fmt.Errorf("record migration checksums: %w", err)
		}
	}
	return nil
}

func versionOf(name string) (int64, error) {
	num, _, ok := strings.Cut(name, "_")
	if !ok {
		return 0, fmt.Errorf("migration %s: name must be NNNN_what.sql", name)
	}
	return strconv.ParseInt(num, 10, 64)
}
