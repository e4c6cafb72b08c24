package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/ombudsman-ri/p4/migrations"
)

func runMigrate(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "migrate", "migrate up|status", "Applies or shows the database migrations embedded in this binary.\n\n"+
		"  up      apply every pending migration, each in its own transaction, under a lock\n"+
		"          (two migrators at once are safe); running it again does nothing\n"+
		"  status  list each migration and whether it is applied\n\n"+
		"Both refuse to guess on a dirty schema: a migration applied that this p4 does not\n"+
		"know (the database is newer than the binary), a gap, or an applied file edited since.\n\n"+configHelp())
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 || (fs.Arg(0) != "up" && fs.Arg(0) != "status") {
		fs.Usage()
		return errUsage
	}
	cfg, err := loadConfig(e.getenv, true)
	if err != nil {
		return err
	}
	log := newLogger(cfg, e.stderr)
	_, sqlDB, err := openDB(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	switch fs.Arg(0) {
	case "up":
		applied, err := migrations.Up(ctx, sqlDB, log)
		if err != nil {
			return err
		}
		if len(applied) == 0 {
			fmt.Fprintln(e.stdout, "database schema is up to date; nothing to apply")
			return nil
		}
		for _, f := range applied {
			fmt.Fprintf(e.stdout, "applied %s\n", f)
		}
		return nil
	default:
		st, err := migrations.Check(ctx, sqlDB)
		if err != nil {
			return err
		}
		for _, m := range st.Migrations {
			state := "pending"
			if m.Applied {
				state = "applied " + m.AppliedAt
			}
			fmt.Fprintf(e.stdout, "%-40s %s\n", m.File, state)
		}
		fmt.Fprintf(e.stdout, "version %d of %d\n", st.Current, st.Latest)
		if len(st.Dirty) > 0 {
			return &migrations.DirtyError{Problems: st.Dirty}
		}
		if len(st.Pending) > 0 {
			return errors.New("database schema is outdated: run `p4 migrate up`")
		}
		return nil
	}
}
