package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ombudsman-ri/p4/scoring"
)

const instrumentDescription = `Works with method files (format p4-method/1): a method's bands, roll-up and
rounding rules and its instrument (dimensions, variables, indicators). The
format is documented in docs/INSTRUMENT.md.

Subcommands:
  validate FILE          check a method file; every problem is reported as
                         FILE: path: message, and the command exits non-zero
  export --preset NAME   write a preset shipped in the binary to standard output,
                         to start a new method from it
  presets                list the presets`

// runInstrument is `p4 instrument`.
func runInstrument(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "-help" || args[0] == "help" {
		w := stdout
		if len(args) == 0 {
			w = stderr
		}
		fmt.Fprintf(w, "Usage: p4 instrument validate FILE | export --preset NAME | presets\n\n%s\n", instrumentDescription)
		if len(args) == 0 {
			return errors.New("instrument: give a subcommand: validate, export or presets")
		}
		return nil
	}
	switch args[0] {
	case "validate":
		return instrumentValidate(args[1:], stdin, stdout, stderr)
	case "export":
		return instrumentExport(args[1:], stdout, stderr)
	case "presets":
		for _, name := range scoring.Presets() {
			m, err := scoring.Preset(name)
			if err != nil {
				return err
			}
			fmt.Fprintf(stdout, "%s\t%s\n", name, m.Name)
		}
		return nil
	}
	return fmt.Errorf("instrument: unknown subcommand %q: want validate, export or presets", args[0])
}

func instrumentValidate(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs, help, err := cliFlags("instrument validate", "instrument validate FILE",
		"Checks a method file (format p4-method/1) and reports every problem at once,\none per line as FILE: path: message. FILE \"-\" reads standard input.",
		args, stdout, stderr, func(*flag.FlagSet) {})
	if help || err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return errors.New("instrument validate: give exactly one FILE")
	}
	file := fs.Arg(0)
	data, err := readInput(file, stdin)
	if err != nil {
		return err
	}
	m, err := scoring.ParseFile(data)
	if err != nil {
		return fileError(file, err)
	}
	summary := fmt.Sprintf("%d bands, no instrument (scores are imported)", len(m.Bands))
	if m.Instrument != nil {
		var dims []string
		for _, d := range m.Instrument.Dimensions {
			dims = append(dims, fmt.Sprintf("%s %d", d.Name, len(d.Indicators)))
		}
		summary = fmt.Sprintf("%d bands, %d dimensions, %d indicators (%s)", len(m.Bands), len(m.Instrument.Dimensions), len(m.Indicators()), strings.Join(dims, ", "))
	}
	fmt.Fprintf(stdout, "%s: valid: method %s %q, %s\n", file, m.Code, m.Name, summary)
	return nil
}

func instrumentExport(args []string, stdout, stderr io.Writer) error {
	fs, help, err := cliFlags("instrument export", "instrument export --preset NAME > FILE",
		"Writes a preset method file shipped in the binary to standard output, to edit\nand use with p4 score --instrument FILE. Presets: "+strings.Join(scoring.Presets(), ", ")+".",
		args, stdout, stderr, func(fs *flag.FlagSet) {
			fs.String("preset", "", "preset to export: "+strings.Join(scoring.Presets(), ", "))
		})
	if help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("instrument export: unexpected argument %q", fs.Arg(0))
	}
	name := fs.Lookup("preset").Value.String()
	if name == "" {
		return fmt.Errorf("instrument export: give --preset NAME (%s)", strings.Join(scoring.Presets(), ", "))
	}
	data, err := scoring.PresetFile(name)
	if err != nil {
		return fmt.Errorf("instrument export: %w", err)
	}
	_, err = stdout.Write(data)
	return err
}
