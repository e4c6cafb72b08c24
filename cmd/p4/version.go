package main

import (
	"context"
	"fmt"
	"runtime"
	"runtime/debug"
)

func runVersion(_ context.Context, e env, args []string) error {
	fs := newFlags(e, "version", "version", "Prints the version of this p4 binary, its source revision and Go version.")
	if help, err := parseFlags(fs, e, args); help || err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "p4 %s (%s, %s)\n", version, revision(), runtime.Version())
	return nil
}

// revision returns the VCS revision the binary was built from, if known.
func revision() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "unknown revision"
	}
	rev, dirty := "unknown revision", ""
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
			if len(rev) > 12 {
				rev = rev[:12]
			}
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+changes"
			}
		}
	}
	return rev + dirty
}
