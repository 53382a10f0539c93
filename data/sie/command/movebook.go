package command

import (
	"context"
	"fmt"
	"io"
	"os"
	"time"

	"paminn/core"
	"paminn/data"
)

// Messages of the move command.
const (
	msgMoveUsage    = "Usage: paminn move-book FROM TO, where one is a book file and the other a book on a server, postgres://USER@HOST/DATABASE (the password from PGPASSWORD or ~/.pgpass, never on the command line)"
	msgMoveProgress = "Moving {{.Table}}: {{.Rows}} of {{.Of}} rows"
	msgMoveDone     = "Moved the book from {{.From}} to {{.To}}: {{.Rows}} rows in {{.Tables}} tables, in {{.Seconds}} s"
	msgMoveNothing  = "The book was not moved; {{.To}} holds none of it"
)

// MoveBook is `paminn move-book FROM TO`: a book copied whole from a file into an
// empty database on a PostgreSQL server, or from a server into a new file (data.MoveBook).
// It is a command rather than a menu item: it is done once, by whoever sets up the
// office's server, while no Påminn has the book open (a window holds its file's lock),
// and it runs where there is no desktop (the server itself, over ssh). It tells its
// progress on stderr, what it did on stdout, in the user's language, and returns the
// exit code.
func MoveBook(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	say := messages(os.Getenv)
	if len(args) != 2 {
		fmt.Fprintln(stderr, "paminn:", say(msgMoveUsage, nil))
		return ExitUsage
	}
	from, to := args[0], args[1]
	names := map[string]any{"From": core.Excerpt(data.BookName(from)), "To": core.Excerpt(data.BookName(to))}
	start := time.Now()
	res, err := data.MoveBook(ctx, from, to, progressTo(stderr, say))
	if err != nil {
		e := core.AsError(err)
		fmt.Fprintln(stderr, "paminn:", say(e.Message, e.Data))
		fmt.Fprintln(stderr, "paminn:", say(msgMoveNothing, names))
		return ExitFailed
	}
	names["Rows"], names["Tables"] = res.Rows, res.Tables
	names["Seconds"] = fmt.Sprintf("%.1f", time.Since(start).Seconds())
	fmt.Fprintln(stdout, say(msgMoveDone, names))
	return ExitOK
}

// progressTo tells a move's progress on w: a line when a table is copied, and for a
// table of more than 10,000 rows also when it starts and every 10,000 rows.
func progressTo(w io.Writer, say func(string, map[string]any) string) func(data.MoveProgress) {
	return func(p data.MoveProgress) {
		if p.Of > 0 && (p.Rows == p.Of || p.Of > 10000) {
			fmt.Fprintln(w, say(msgMoveProgress, map[string]any{"Table": p.Table, "Rows": p.Rows, "Of": p.Of}))
		}
	}
}
