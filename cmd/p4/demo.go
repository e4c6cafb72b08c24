package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/demo"
	"github.com/ombudsman-ri/p4/assessment/filestore"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
	"github.com/ombudsman-ri/p4/scoring"
)

func runDemo(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "demo", "demo [--if-empty]", "Loads the demo data set into an empty database: Bengkulu province with its 11 Pemda\n"+
		"(7 service units each), 10 Kantah and 10 Polres; the 2021 period (imported three-zone\n"+
		"scores), the 2022 period assessed, reviewed and published through the real workflow\n"+
		"(scores computed from the answers, reproducing the press release of 26 December 2022),\n"+
		"and the 2023 period in field work. Prints the demo logins.\n\n"+
		"On a database that already holds data it refuses, unless --if-empty is given, in\n"+
		"which case it loads nothing and only prints the logins.\n\n"+configHelp())
	ifEmpty := fs.Bool("if-empty", false, "load only when the database is empty; otherwise just print the logins")
	scale := fs.String("scale", "bengkulu", "bengkulu (the demo) or national (a synthetic national data set of about 650 entities and 4,000 units, for load tests)")
	seed := fs.Uint64("seed", 1, "seed of the national data set")
	workers := fs.Int("workers", 4, "units written at once")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
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
	var ds *demo.DataSet
	switch *scale {
	case "bengkulu":
		ds, err = demo.Bengkulu()
	case "national":
		ds, err = demo.National(*seed)
	default:
		return fmt.Errorf("--scale: %q is neither bengkulu nor national", *scale)
	}
	if err != nil {
		return err
	}
	n, err := recordCount(ctx, sqlDB)
	if err != nil {
		return err
	}
	if n > 0 {
		if !*ifEmpty {
			return errors.New("the database is not empty: `p4 demo` loads only into an empty database (use a new database, or --if-empty to skip loading)")
		}
		fmt.Fprintln(e.stdout, "The database already holds data; the demo data set was not loaded again.")
		printLogins(e.stdout, ds)
		return nil
	}
	blobs, err := filestore.New(cfg.DataDir)
	if err != nil {
		return err
	}
	start := time.Now()
	fmt.Fprintf(e.stdout, "Loading the %s data set…\n", *scale)
	opts := demo.LoadOptions{Workers: *workers, Progress: func(format string, args ...any) {
		fmt.Fprintf(e.stdout, "  %6.1fs  %s\n", time.Since(start).Seconds(), fmt.Sprintf(format, args...))
	}}
	if err := demo.LoadWith(ctx, pgstore.New(gdb), blobs, ds, opts); err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	fmt.Fprintf(e.stdout, "Loaded in %.1fs.\n\n", time.Since(start).Seconds())
	if *scale == "national" {
		return nil
	}
	if err := printTable(ctx, e.stdout, pgstore.New(gdb), 2022); err != nil {
		return err
	}
	printLogins(e.stdout, ds)
	return nil
}

func recordCount(ctx context.Context, db *sql.DB) (int64, error) {
	var n int64
	err := db.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM entities) + (SELECT count(*) FROM users) + (SELECT count(*) FROM periods)`).Scan(&n)
	return n, err
}

// printTable prints a period's results per peer group, as the stored ranks give them.
func printTable(ctx context.Context, w io.Writer, st assessment.Store, year int) error {
	p, err := st.PeriodByYear(ctx, year)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "P4 %d, Provinsi Bengkulu (computed from the stored answers):\n", year)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, g := range []string{scoring.PeerGroup{Kind: scoring.GroupPemda, Province: "17"}.String(), "kantah", "polres"} {
		rows, err := st.Rankings(ctx, p.ID, g)
		if err != nil {
			return err
		}
		counts := map[string]int{}
		for _, r := range rows {
			snap, err := st.CurrentSnapshot(ctx, p.ID, r.EntityID)
			if err != nil {
				return err
			}
			counts[snap.Category]++
			if r.Rank == 1 {
				ent, err := st.Entity(ctx, r.EntityID)
				if err != nil {
					return err
				}
				fmt.Fprintf(tw, "  %s\tfirst: %s %s (Kategori %s, %s)\t", g, ent.Name, snap.Score, snap.Category, snap.Opinion)
			}
		}
		fmt.Fprintf(tw, "A %d · B %d · C %d · D %d · E %d\n", counts["A"], counts["B"], counts["C"], counts["D"], counts["E"])
	}
	tw.Flush()
	fmt.Fprintln(w)
	return nil
}

func printLogins(w io.Writer, ds *demo.DataSet) {
	fmt.Fprintf(w, "Demo logins (password for all: %s):\n", demo.DemoPassword)
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	names := map[string]string{}
	for _, e := range ds.Entities {
		names[e.Code] = e.Name
	}
	for _, u := range ds.Users {
		scope := ""
		switch {
		case u.EntityCode != "":
			scope = names[u.EntityCode]
		case u.ProvinceCode != "":
			scope = "provinsi " + u.ProvinceCode
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\n", u.Email, u.Role, scope)
	}
	tw.Flush()
}
