package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"

	"gorm.io/gorm"

	"github.com/ombudsman-ri/p4/api"
	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/filestore"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/frontend"
	"github.com/ombudsman-ri/p4/migrations"
)

func newLogger(c Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(c.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if c.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openDB connects and returns both the gorm handle and its *sql.DB.
func openDB(ctx context.Context, c Config, log *slog.Logger) (*gorm.DB, *sql.DB, error) {
	gdb, err := pgstore.Open(ctx, c.DatabaseURL, c.MaxDBConns, log)
	if err != nil {
		return nil, nil, err
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		return nil, nil, err
	}
	return gdb, sqlDB, nil
}

// schemaCurrent returns nil when every migration is applied, and otherwise
// an error that names the command that fixes it.
func schemaCurrent(ctx context.Context, db *sql.DB) error {
	st, err := migrations.Check(ctx, db)
	if err != nil {
		return fmt.Errorf("check database schema: %w", err)
	}
	if len(st.Dirty) > 0 {
		return &migrations.DirtyError{Problems: st.Dirty}
	}
	if len(st.Pending) > 0 {
		return fmt.Errorf("database schema is outdated (version %d, this p4 needs %d; %d migration(s) pending): run `p4 migrate up`", st.Current, st.Latest, len(st.Pending))
	}
	return nil
}

func runServe(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "serve", "serve", "Runs the P4 web server: the JSON API under /api/v1 and the web app, on P4_ADDR.\n"+
		"Refuses to start when the database is unreachable or its schema is not current.\n"+
		"SIGTERM or SIGINT stop it after requests in flight finish (up to P4_SHUTDOWN_TIMEOUT).\n\n"+configHelp())
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	cfg, err := loadConfig(e.getenv, true)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	cfg.print(e.stderr)
	gdb, sqlDB, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	if err := schemaCurrent(ctx, sqlDB); err != nil {
		return err
	}
	blobs, err := filestore.New(cfg.DataDir)
	if err != nil {
		return fmt.Errorf("P4_DATA_DIR: %w", err)
	}
	svc := assessment.NewService(pgstore.New(gdb), assessment.WithBlobStore(blobs))
	exports := filepath.Join(cfg.DataDir, "exports")
	if err := os.MkdirAll(exports, 0o750); err != nil {
		return fmt.Errorf("P4_DATA_DIR: %w", err)
	}
	deps := api.Deps{
		Log:            log,
		ExportDir:      exports,
		Version:        version,
		Frontend:       frontend.Handler(),
		Service:        svc,
		Sessions:       api.NewSessions(sqlDB, strings.HasPrefix(cfg.PublicURL, "https://")),
		TrustedProxies: cfg.TrustedProxies,
		Ready: func(ctx context.Context) error {
			if err := sqlDB.PingContext(ctx); err != nil {
				return fmt.Errorf("database unreachable")
			}
			if err := schemaCurrent(ctx, sqlDB); err != nil {
				return fmt.Errorf("database schema not current")
			}
			return nil
		},
	}
	handler := api.NewHandler(deps)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("P4_ADDR: %w", err)
	}
	log.Info("p4 serving", "url", "http://"+ln.Addr().String(), "version", version)
	// Background exports: any instance takes queued jobs from PostgreSQL.
	stopJobs := api.StartJobs(ctx, deps)
	defer stopJobs()
	if err := api.Serve(ctx, api.NewServer(handler), ln, cfg.ShutdownTimeout); err != nil {
		return err
	}
	log.Info("p4 stopped cleanly")
	return nil
}
