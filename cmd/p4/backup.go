package main

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// manifest describes a backup folder: what it holds and how to check it.
type manifest struct {
	Format    string           `json:"format"` // p4-backup/1
	CreatedAt time.Time        `json:"created_at"`
	Version   string           `json:"p4_version"`
	Schema    int64            `json:"schema_version"`
	DumpSHA   string           `json:"dump_sha256"`
	Counts    map[string]int64 `json:"counts"`
	Files     int              `json:"files"`
}

// countedTables are compared after a restore.
var countedTables = []string{"regions", "entities", "units", "users", "methods", "periods", "period_entities", "unit_assessments",
	"answers", "evidence", "blobs", "objections", "result_snapshots", "rankings", "audit_log"}

func tableCounts(ctx context.Context, db *sql.DB) (map[string]int64, int64, error) {
	out := map[string]int64{}
	for _, t := range countedTables {
		var n int64
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return nil, 0, err
		}
		out[t] = n
	}
	var v int64
	err := db.QueryRowContext(ctx, `SELECT coalesce(max(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&v)
	return out, v, err
}

func runBackup(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "backup", "backup --out DIR", "Writes a consistent backup of the database (pg_dump, custom format) and the evidence\n"+
		"files of P4_DATA_DIR into a new folder DIR, with a manifest of record counts and the\n"+
		"dump's SHA-256. `p4 restore --from DIR` puts it back. Needs pg_dump 15 on the PATH.\n\n"+configHelp())
	out := fs.String("out", "", "folder to create for the backup (must not exist)")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if *out == "" {
		return errors.New("--out: give the folder to write the backup to")
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("--out: %s exists; give a new folder", *out)
	}
	cfg, err := loadConfig(e.getenv, true)
	if err != nil {
		return err
	}
	_, sqlDB, err := openDB(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	if err := schemaCurrent(ctx, sqlDB); err != nil {
		return err
	}
	if err := os.MkdirAll(*out, 0o750); err != nil {
		return err
	}
	dump := filepath.Join(*out, "database.dump")
	// --serializable-deferrable: a snapshot no concurrent write can make inconsistent.
	cmd := exec.CommandContext(ctx, "pg_dump", "--format=custom", "--serializable-deferrable", "--no-owner", "--no-privileges", "--file", dump, "--dbname", cfg.DatabaseURL)
	cmd.Stderr = e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_dump: %w", err)
	}
	m := manifest{Format: "p4-backup/1", CreatedAt: time.Now().UTC(), Version: version}
	if m.DumpSHA, err = fileSHA(dump); err != nil {
		return err
	}
	if m.Counts, m.Schema, err = tableCounts(ctx, sqlDB); err != nil {
		return err
	}
	if m.Files, err = copyBlobs(filepath.Join(cfg.DataDir, "blobs"), filepath.Join(*out, "blobs")); err != nil {
		return err
	}
	b, _ := json.MarshalIndent(m, "", "  ")
	if err := os.WriteFile(filepath.Join(*out, "manifest.json"), b, 0o640); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "backup written to %s: %d audit rows, %d answers, %d files\n", *out, m.Counts["audit_log"], m.Counts["answers"], m.Files)
	return nil
}

func runRestore(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "restore", "restore --from DIR", "Restores a backup made by `p4 backup` into the EMPTY database of P4_DATABASE_URL and the\n"+
		"evidence files into P4_DATA_DIR, then checks the dump's SHA-256, every file's SHA-256\n"+
		"and the record counts against the manifest. Needs pg_restore 15 on the PATH.\n\n"+configHelp())
	from := fs.String("from", "", "backup folder")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if *from == "" {
		return errors.New("--from: give the backup folder")
	}
	var m manifest
	b, err := os.ReadFile(filepath.Join(*from, "manifest.json"))
	if err != nil {
		return fmt.Errorf("--from: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil || m.Format != "p4-backup/1" {
		return fmt.Errorf("%s: not a p4 backup manifest", filepath.Join(*from, "manifest.json"))
	}
	dump := filepath.Join(*from, "database.dump")
	if sum, err := fileSHA(dump); err != nil || sum != m.DumpSHA {
		return fmt.Errorf("%s: does not match the manifest's SHA-256 (damaged or replaced)", dump)
	}
	cfg, err := loadConfig(e.getenv, true)
	if err != nil {
		return err
	}
	_, sqlDB, err := openDB(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	var tables int
	if err := sqlDB.QueryRowContext(ctx, `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil {
		return err
	}
	if tables > 0 {
		return errors.New("the database is not empty: restore into a new, empty database")
	}
	cmd := exec.CommandContext(ctx, "pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", cfg.DatabaseURL, dump)
	cmd.Stderr = e.stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("pg_restore: %w", err)
	}
	n, err := copyBlobs(filepath.Join(*from, "blobs"), filepath.Join(cfg.DataDir, "blobs"))
	if err != nil {
		return err
	}
	counts, schema, err := tableCounts(ctx, sqlDB)
	if err != nil {
		return err
	}
	var diffs []string
	for _, t := range countedTables {
		if counts[t] != m.Counts[t] {
			diffs = append(diffs, fmt.Sprintf("%s: %d restored, %d in the backup", t, counts[t], m.Counts[t]))
		}
	}
	if n != m.Files {
		diffs = append(diffs, fmt.Sprintf("files: %d restored, %d in the backup", n, m.Files))
	}
	if schema != m.Schema {
		diffs = append(diffs, fmt.Sprintf("schema version %d, backup has %d", schema, m.Schema))
	}
	if len(diffs) > 0 {
		return errors.New("restore does not match the backup: " + strings.Join(diffs, "; "))
	}
	fmt.Fprintf(e.stdout, "restored %s: %d audit rows, %d answers, %d files; counts and hashes match the manifest\n", *from, counts["audit_log"], counts["answers"], n)
	return nil
}

func fileSHA(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// copyBlobs copies content-addressed files, checking each against its name.
func copyBlobs(src, dst string) (int, error) {
	var names []string
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == src {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() {
			return err
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return 0, err
	}
	sort.Strings(names)
	for _, p := range names {
		name := filepath.Base(p)
		sum, err := fileSHA(p)
		if err != nil {
			return 0, err
		}
		if sum != name {
			return 0, fmt.Errorf("%s: content does not match its SHA-256 name (corrupt file)", p)
		}
		target := filepath.Join(dst, name[:2], name)
		if _, err := os.Stat(target); err == nil {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(target), 0o750); err != nil {
			return 0, err
		}
		in, err := os.Open(p)
		if err != nil {
			return 0, err
		}
		out, err := os.OpenFile(target, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o440)
		if err != nil {
			in.Close()
			return 0, err
		}
		_, err = io.Copy(out, in)
		in.Close()
		if cerr := out.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return 0, err
		}
	}
	return len(names), nil
}
