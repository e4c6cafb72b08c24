package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"github.com/ombudsman-ri/p4/scoring"
)

const scoreSynopsis = "score (--instrument FILE | --method NAME) (--answers FILE | --scores FILE) [--previous FILE] [--format json|table] [--explain N]"

const scoreDescription = `Scores units and entities without a database and ranks them in their peer
groups (each kind nationally, and all Pemda of a province together).

  --answers FILE  answers per unit (format p4-answers/1): computes unit scores,
                  entity scores by the method's roll-up, categories, zones, ranks.
  --scores FILE   given entity or unit scores (format p4-scores/1), e.g. for
                  historical data: classifies, rolls up and ranks them.

The method comes from a method file (--instrument, see "p4 instrument export")
or a preset shipped in the binary (--method 2021|2022|2025). --previous adds
each entity's movement against an earlier period's scores file (marked
not_comparable when that period used another method family). FILE "-" reads
standard input. File formats: docs/INSTRUMENT.md.

Problems are reported one per line as FILE: path: message, all at once, and
the command exits non-zero.`

// runScore is `p4 score`.
func runScore(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var instrumentFile, preset, answersFile, scoresFile, previousFile, format string
	var explainN int
	fs, help, err := cliFlags("score", scoreSynopsis, scoreDescription, args, stdout, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&instrumentFile, "instrument", "", "method file (format p4-method/1) holding the method and its instrument")
		fs.StringVar(&preset, "method", "", "preset method shipped in the binary: "+strings.Join(scoring.Presets(), ", "))
		fs.StringVar(&answersFile, "answers", "", "answers file (format p4-answers/1) to score")
		fs.StringVar(&scoresFile, "scores", "", "scores file (format p4-scores/1) to classify and rank")
		fs.StringVar(&previousFile, "previous", "", "scores file of the previous period, for rank movement")
		fs.StringVar(&format, "format", "json", "output format: json or table")
		fs.IntVar(&explainN, "explain", 0, "with --answers: add the N largest improvements and the way to the next category per entity")
	})
	if help || err != nil {
		return err
	}
	switch {
	case fs.NArg() > 0:
		return fmt.Errorf("score: unexpected argument %q", fs.Arg(0))
	case format != "json" && format != "table":
		return fmt.Errorf("score: --format %q: want json or table", format)
	case (answersFile == "") == (scoresFile == ""):
		return errors.New("score: give exactly one of --answers FILE or --scores FILE")
	case (instrumentFile == "") == (preset == ""):
		return errors.New("score: give exactly one of --instrument FILE or --method NAME")
	case explainN < 0:
		return errors.New("score: --explain must be 0 or more")
	case explainN > 0 && answersFile == "":
		return errors.New("score: --explain needs --answers: given scores cannot be explained")
	}
	stdinUsers := 0
	for _, f := range []string{instrumentFile, answersFile, scoresFile, previousFile} {
		if f == "-" {
			stdinUsers++
		}
	}
	if stdinUsers > 1 {
		return errors.New("score: only one FILE can be - (standard input)")
	}
	m, err := loadMethod(instrumentFile, preset, stdin)
	if err != nil {
		return err
	}

	var entities []scoring.Entity
	input := answersFile
	if input != "" {
		data, err := readInput(input, stdin)
		if err != nil {
			return err
		}
		f, err := scoring.CheckAnswers(m, data)
		if err != nil {
			return fileError(input, err)
		}
		entities = f.Entities
	} else {
		input = scoresFile
		data, err := readInput(input, stdin)
		if err != nil {
			return err
		}
		f, err := scoring.CheckScores(m, data)
		if err != nil {
			return fileError(input, err)
		}
		entities = f.Entities
	}
	var prev *scoring.Previous
	if previousFile != "" {
		if prev, err = loadPrevious(previousFile, m, stdin); err != nil {
			return err
		}
	}
	res, err := scoring.ScorePeriod(m, entities, prev)
	if err != nil {
		return fileError(input, err)
	}
	out := scoreOutput{
		Method:   methodInfo{Code: m.Code, Name: m.Name, Family: m.Family},
		Complete: res.Complete,
		Entities: res.Entities,
		Rankings: res.Rankings,
	}
	if explainN > 0 {
		for i, e := range entities {
			if res.Entities[i].NotAssessed || res.Entities[i].Imported {
				continue
			}
			x, err := scoring.Explain(m, e, explainN)
			if err != nil {
				return fileError(input, err)
			}
			step, err := scoring.NextCategory(m, e)
			if err != nil {
				return fileError(input, err)
			}
			out.Explanations = append(out.Explanations, explanation{ID: e.ID, Name: e.Name, Improvements: x.Improvements, NextCategory: step})
		}
	}
	if format == "table" {
		return writeScoreTable(stdout, m, out)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

type methodInfo struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Family string `json:"family"`
}

type explanation struct {
	ID           string                `json:"id"`
	Name         string                `json:"name"`
	Improvements []scoring.Improvement `json:"improvements"`
	NextCategory *scoring.NextStep     `json:"next_category"`
}

// scoreOutput is the JSON that `p4 score` prints.
type scoreOutput struct {
	Method       methodInfo             `json:"method"`
	Complete     bool                   `json:"complete"`
	Entities     []scoring.EntityResult `json:"entities"`
	Rankings     []scoring.Ranking      `json:"rankings"`
	Explanations []explanation          `json:"explanations,omitempty"`
}

// loadMethod reads a method file or a preset.
func loadMethod(file, preset string, stdin io.Reader) (*scoring.Method, error) {
	if preset != "" {
		m, err := scoring.Preset(preset)
		if err != nil {
			return nil, fmt.Errorf("score: --method: %w", err)
		}
		return m, nil
	}
	data, err := readInput(file, stdin)
	if err != nil {
		return nil, err
	}
	m, err := scoring.ParseFile(data)
	if err != nil {
		return nil, fileError(file, err)
	}
	return m, nil
}

// loadPrevious reads the previous period's scores file and scores it with
// the method it names (a preset, or the current method's own code).
func loadPrevious(file string, current *scoring.Method, stdin io.Reader) (*scoring.Previous, error) {
	data, err := readInput(file, stdin)
	if err != nil {
		return nil, err
	}
	f, err := scoring.ParseScores(data)
	if err != nil {
		return nil, fileError(file, err)
	}
	var m *scoring.Method
	switch {
	case f.Method == "":
		return nil, fmt.Errorf("%s: method: required: name the method of the previous period (e.g. \"2021\"), so P4 can tell whether ranks are comparable", file)
	case f.Method == current.Code:
		m = current
	default:
		if m, err = scoring.Preset(f.Method); err != nil {
			return nil, fmt.Errorf("%s: method: %v", file, err)
		}
	}
	res, err := scoring.ScorePeriod(m, f.Entities, nil)
	if err != nil {
		return nil, fileError(file, err)
	}
	return res.AsPrevious(), nil
}

// readInput reads a file, or standard input for "-".
func readInput(name string, stdin io.Reader) ([]byte, error) {
	var data []byte
	var err error
	if name == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: cannot read: %v", name, err)
	}
	return data, nil
}

// fileError renders the problems of a *scoring.ValidationError as
// "FILE: path: message" lines.
func fileError(file string, err error) error {
	var ve *scoring.ValidationError
	if !errors.As(err, &ve) {
		return fmt.Errorf("%s: %v", file, err)
	}
	lines := make([]string, len(ve.Problems))
	for i, p := range ve.Problems {
		lines[i] = file + ": " + p.String()
	}
	return errors.New(strings.Join(lines, "\n"))
}

// cliFlags builds and parses a command's flags; --help prints the usage to
// stdout and reports help=true.
func cliFlags(name, synopsis, description string, args []string, stdout, stderr io.Writer, define func(*flag.FlagSet)) (*flag.FlagSet, bool, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	define(fs)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: p4 %s\n\n%s\n", synopsis, description)
		has := false
		fs.VisitAll(func(*flag.Flag) { has = true })
		if has {
			fmt.Fprintln(w, "\nFlags:")
			fs.PrintDefaults()
		}
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "-h" || a == "--help" || a == "-help" {
			fs.SetOutput(stdout)
			fs.Usage()
			return fs, true, nil
		}
	}
	if err := fs.Parse(args); err != nil {
		return fs, false, fmt.Errorf("%s: %w", name, err)
	}
	return fs, false, nil
}

// writeScoreTable prints one table per peer group, then each entity's dimensions.
func writeScoreTable(w io.Writer, m *scoring.Method, out scoreOutput) error {
	byID := map[string]*scoring.EntityResult{}
	for i := range out.Entities {
		byID[out.Entities[i].ID] = &out.Entities[i]
	}
	fmt.Fprintf(w, "Method %s: %s (family %s)\n", m.Code, m.Name, m.Family)
	if !out.Complete {
		fmt.Fprintln(w, "INCOMPLETE: some answers are missing; these scores are a preview, not final.")
	}
	for _, g := range out.Rankings {
		title := g.Group.Kind + ", national"
		if g.Group.Province != "" {
			title = fmt.Sprintf("%s, province %s", g.Group.Kind, g.Group.Province)
		}
		fmt.Fprintf(w, "\n%s\n", title)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "Rank\tEntity\tScore\tCategory\tZone\tOpinion\tComplete\tMovement")
		for _, r := range g.Rows {
			e := byID[r.EntityID]
			if r.NotAssessed {
				fmt.Fprintf(tw, "-\t%s\t-\t-\t-\tnot assessed: %s\t-\t-\n", r.Name, e.NotAssessedReason)
				continue
			}
			move := ""
			switch {
			case r.NotComparable:
				move = "not comparable"
			case r.Movement != nil:
				move = fmt.Sprintf("%+d (was %d)", *r.Movement, r.PreviousRank)
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Rank, r.Name, r.Score, orDash(e.Category), e.Zone, e.Opinion, yesNo(r.Complete), move)
		}
		counts := []string{}
		for _, c := range g.Counts {
			label := c.Category
			if label == "" {
				label = c.Opinion
			}
			counts = append(counts, fmt.Sprintf("%s %d", label, c.Count))
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		fmt.Fprintf(w, "Totals: %s\n", strings.Join(counts, ", "))
	}
	if m.Instrument != nil {
		fmt.Fprintf(w, "\nDimensions (points of their weight)\n")
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		header := "Entity\tScore"
		for _, d := range m.Instrument.Dimensions {
			header += "\t" + d.Name
		}
		fmt.Fprintln(tw, header)
		for _, e := range out.Entities {
			if e.NotAssessed || len(e.Dimensions) == 0 {
				continue
			}
			line := e.Name + "\t" + e.Score.String()
			for _, d := range e.Dimensions {
				line += fmt.Sprintf("\t%s/%s (%s%%)", d.Points, d.Max, d.Percent)
			}
			fmt.Fprintln(tw, line)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	for _, x := range out.Explanations {
		fmt.Fprintf(w, "\n%s: largest improvements\n", x.Name)
		for _, i := range x.Improvements {
			fmt.Fprintf(w, "  +%s  %s / %s (%s): %d → %d\n", i.Gain, i.UnitName, i.Indicator, i.Name, i.From, i.To)
		}
		s := x.NextCategory
		switch {
		case s.Target == nil:
			fmt.Fprintln(w, "  Already in the highest category.")
		case !s.Reachable:
			fmt.Fprintf(w, "  Category %s cannot be reached by raising answers.\n", bandName(*s.Target))
		default:
			fmt.Fprintf(w, "  To reach %s: %d answer improvement(s), giving %s", bandName(*s.Target), len(s.Changes), s.Result.Score)
			if !s.Minimal {
				fmt.Fprint(w, " (rounding near the edge: a smaller set may exist)")
			}
			fmt.Fprintln(w)
			for _, c := range s.Changes {
				fmt.Fprintf(w, "    %s / %s: %d → %d\n", c.UnitName, c.Indicator, c.From, c.To)
			}
		}
	}
	return nil
}

func bandName(b scoring.Band) string {
	if b.Category != "" {
		return b.Category + " (" + b.Opinion + ")"
	}
	return b.Opinion
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
