package main

import (
	"context"
	"fmt"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
)

func runAudit(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "audit", "audit verify", "Checks the audit log: every row must carry the hash of the previous row of its chain\n"+
		"and a hash of its own content. Prints the number of rows checked, or the first row\n"+
		"that breaks a chain (altered, inserted or removed) and exits non-zero.\n\n"+configHelp())
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 || fs.Arg(0) != "verify" {
		fs.Usage()
		return errUsage
	}
	cfg, err := loadConfig(e.getenv, true)
	if err != nil {
		return err
	}
	gdb, sqlDB, err := openDB(ctx, cfg, nil)
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	if err := schemaCurrent(ctx, sqlDB); err != nil {
		return err
	}
	n, problem, err := assessment.NewService(pgstore.New(gdb)).VerifyAudit(ctx)
	if err != nil {
		return err
	}
	if problem != nil {
		return fmt.Errorf("audit log is NOT intact after %d rows: %w", n, problem)
	}
	fmt.Fprintf(e.stdout, "audit log intact: %d rows verified\n", n)
	return nil
}
