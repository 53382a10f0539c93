// Package command holds what Påminn does without a window, for a bookkeeper's script.
// main.go wires it: main resolves the book's path (the default book without --db).
package command

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"paminn/assets"
	"paminn/core"
	"paminn/data"
	"paminn/data/sie"
)

// The exit codes of a command run without a window.
const (
	ExitOK     = 0
	ExitFailed = 1 // the command ran and failed: its message says why
	ExitUsage  = 2 // the command line was wrong
)

// ExportSIE is `paminn --db BOOK export-sie --from DATE --to DATE --out FILE`:
// the bookkeeping export without a window, for a bookkeeper's script. It says what it
// did on stdout and what went wrong on stderr, in the user's language, and returns
// the exit code.
func ExportSIE(ctx context.Context, dbPath string, args []string, stdout, stderr io.Writer) int {
	say := messages(os.Getenv)
	fs := flag.NewFlagSet("export-sie", flag.ContinueOnError)
	fs.SetOutput(stderr)
	from := fs.String("from", "", "the period's first day, YYYY-MM-DD")
	to := fs.String("to", "", "the period's last day, YYYY-MM-DD")
	out := fs.String("out", "", "the SIE file to write")
	if err := fs.Parse(args); err != nil {
		return ExitUsage
	}
	if *from == "" || *to == "" || *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "paminn:", say("Usage: paminn --db BOOK export-sie --from YYYY-MM-DD --to YYYY-MM-DD --out FILE", nil))
		return ExitUsage
	}
	fail := func(err error) int {
		e := core.AsError(err)
		fmt.Fprintln(stderr, "paminn:", say(e.Message, e.Data))
		return ExitFailed
	}
	first, err := core.ParseDate(*from)
	if err != nil {
		return fail(err)
	}
	last, err := core.ParseDate(*to)
	if err != nil {
		return fail(err)
	}
	store, err := openExistingBook(dbPath)
	if err != nil {
		return fail(err)
	}
	defer store.Close()
	svc := core.NewService(store, core.Options{Logger: slog.New(slog.DiscardHandler), SIE: sie.Writer{}})
	res, err := svc.ExportSIE(ctx, first, last, *out)
	if err != nil {
		return fail(err)
	}
	fmt.Fprintln(stdout, say("Exported {{.Count}} verifications from {{.From}} to {{.To}} to {{.Path}}",
		map[string]any{"Count": res.Verifications, "From": first.String(), "To": last.String(), "Path": res.Path}))
	return ExitOK
}

// openExistingBook opens the book at path, refusing to create one: an export from a
// book that is not there is a mistyped path.
func openExistingBook(path string) (*data.Store, error) {
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return nil, core.Errorf(core.ENOTFOUND, "There is no book at {{.Path}}", map[string]any{"Path": path})
	}
	return data.Open(path)
}

// messages returns how the command renders a message template: in Swedish when the
// environment's language (LC_ALL, LC_MESSAGES, LANG, as POSIX orders them) is
// Swedish, else in English, the templates' own language.
func messages(getenv func(string) string) func(string, map[string]any) string {
	var sv map[string]string
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := getenv(name); v != "" {
			if strings.HasPrefix(v, "sv") {
				sv, _ = assets.Translation("sv.json") // embedded; a test holds it whole
			}
			break
		}
	}
	return func(template string, data map[string]any) string {
		if t, ok := sv[template]; ok {
			template = t
		}
		return core.Render(template, data)
	}
}
