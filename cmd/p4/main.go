// Command p4 is the P4 platform of the Ombudsman of the Republic of
// Indonesia: the web server, the database migrator, the demo data loader and
// the scoring tools, in one binary.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

// env is what a command gets from the outside world; tests replace it.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

type command struct {
	name    string
	summary string
	run     func(ctx context.Context, e env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "run the web server", runServe},
		{"migrate", "apply or show database migrations (up, status)", runMigrate},
		{"demo", "load the demo data set (Bengkulu 2021–2023) into an empty database", runDemo},
		{"audit", "verify the hash chains of the audit log (verify)", runAudit},
		{"backup", "write a backup of the database and the evidence files", runBackup},
		{"restore", "restore a backup into an empty database", runRestore},
		{"user", "create users from the command line, e.g. the first admin (create)", runUser},
		{"score", "score answers or classify scores from files, without a database", func(_ context.Context, e env, args []string) error {
			return runScore(args, e.stdin, e.stdout, e.stderr)
		}},
		{"instrument", "validate or export instrument files (validate, export)", func(_ context.Context, e env, args []string) error {
			return runInstrument(args, e.stdin, e.stdout, e.stderr)
		}},
		{"version", "print the version", runVersion},
	}
}

func usage(w io.Writer) {
	fmt.Fprintf(w, `p4 — Penilaian Penyelenggaraan Pelayanan Publik (P4) of the Ombudsman RI.

Usage: p4 COMMAND [flags]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-11s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, "\nRun `p4 COMMAND --help` for a command's flags.\n\n%s", configHelp())
}

// errUsage marks an error already explained by printed usage.
var errUsage = errors.New("usage")

func run(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		usage(e.stderr)
		return errUsage
	}
	name := args[0]
	if name == "-h" || name == "--help" || name == "help" {
		usage(e.stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == name {
			return c.run(ctx, e, args[1:])
		}
	}
	fmt.Fprintf(e.stderr, "p4: unknown command %q\n\n", name)
	usage(e.stderr)
	return errUsage
}

// newFlags returns a flag set whose --help prints the command's description.
func newFlags(e env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "Usage: p4 %s\n\n%s\n", synopsis, description)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(out, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	return fs
}

// parseFlags parses args; --help prints to stdout and ends the command cleanly.
func parseFlags(fs *flag.FlagSet, e env, args []string) (help bool, err error) {
	for _, a := range args {
		if a == "-h" || a == "--help" || a == "-help" {
			fs.SetOutput(e.stdout)
			fs.Usage()
			return true, nil
		}
	}
	if err := fs.Parse(args); err != nil {
		return false, errUsage
	}
	return false, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, env{os.Stdin, os.Stdout, os.Stderr, os.Getenv}, os.Args[1:])
	stop()
	if err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintf(os.Stderr, "p4: %v\n", err)
		}
		os.Exit(1)
	}
}
