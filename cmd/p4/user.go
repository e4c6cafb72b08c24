package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/ombudsman-ri/p4/assessment"
	"github.com/ombudsman-ri/p4/assessment/pgstore"
)

func runUser(ctx context.Context, e env, args []string) error {
	fs := newFlags(e, "user", "user create --email E --name N --role R [--province CODE] [--entity CODE] (--password-file F | --password-stdin)",
		"Creates a user, e.g. the first admin of a new installation:\n\n"+
			"  printf '%s\\n' 'a long secret' | p4 user create --email admin@ombudsman.go.id --name 'Admin' --role admin --password-stdin\n\n"+
			"Roles: admin, coordinator (needs --province), assessor, agency (needs --entity), leadership.\n"+
			"The password is never taken from the command line, where other users could see it.\n\n"+configHelp())
	email := fs.String("email", "", "email address (sign-in name)")
	name := fs.String("name", "", "full name")
	role := fs.String("role", "", "admin, coordinator, assessor, agency or leadership")
	province := fs.String("province", "", "province code for a coordinator, e.g. 17")
	entity := fs.String("entity", "", "entity code for an agency user")
	pwFile := fs.String("password-file", "", "read the password from this file")
	pwStdin := fs.Bool("password-stdin", false, "read the password from the first line of standard input")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	if fs.NArg() != 1 || fs.Arg(0) != "create" {
		fs.Usage()
		return errUsage
	}
	var password string
	switch {
	case *pwFile != "" && *pwStdin:
		return errors.New("give either --password-file or --password-stdin, not both")
	case *pwFile != "":
		b, err := os.ReadFile(*pwFile)
		if err != nil {
			return fmt.Errorf("--password-file: %w", err)
		}
		password = strings.TrimRight(string(b), "\r\n")
	case *pwStdin:
		line, err := bufio.NewReader(e.stdin).ReadString('\n')
		if err != nil && line == "" {
			return errors.New("--password-stdin: no password on standard input")
		}
		password = strings.TrimRight(line, "\r\n")
	default:
		return errors.New("give the password with --password-file FILE or --password-stdin")
	}
	r, err := assessment.ParseRole(*role)
	if err != nil {
		return fmt.Errorf("--role: %w", err)
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
	st := pgstore.New(gdb)
	in := assessment.NewUser{Email: *email, Name: *name, Role: r, Password: password}
	if *province != "" {
		reg, err := st.RegionByCode(ctx, *province)
		if err != nil {
			return fmt.Errorf("--province %s: no such province", *province)
		}
		in.ProvinceID = reg.ID
	}
	if *entity != "" {
		ent, err := st.EntityByCode(ctx, *entity)
		if err != nil {
			return fmt.Errorf("--entity %s: no such entity", *entity)
		}
		in.EntityID = ent.ID
	}
	u, err := assessment.NewService(st).CreateUser(ctx, assessment.System, in)
	var ve *assessment.ValidationError
	if errors.As(err, &ve) {
		var lines []string
		for _, f := range ve.Fields {
			lines = append(lines, "--"+strings.ReplaceAll(f.Field, "_id", "")+": "+f.Message)
		}
		return errors.New(strings.Join(lines, "; "))
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "created user %d: %s (%s)\n", u.ID, u.Email, u.Role)
	return nil
}
