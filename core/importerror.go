package core

import (
	"fmt"
	"strings"
)

// MaxRowErrors is how many row errors an import collects; bad rows beyond it are
// still counted.
const MaxRowErrors = 1000

// RowError is one problem on one line of an imported file.
type RowError struct {
	Line    int            // as a spreadsheet numbers it: the header is line 1
	Message string         // English text/template, also the translation key
	Data    map[string]any // fills Message
}

// Text renders the message.
func (e RowError) Text() string { return Render(e.Message, e.Data) }

// ImportError lists the bad rows of an imported file. Parsers return it wrapped in an
// EINVALID *Error, so both ErrorCodeOf and errors.As work on the result.
type ImportError struct {
	File string
	Rows []RowError // at most MaxRowErrors
	// BadRows counts the rows with at least one problem, including those past the
	// cap; 0 means "count the lines in Rows".
	BadRows int
}

// Count returns the number of bad rows.
func (e *ImportError) Count() int {
	if e.BadRows > 0 {
		return e.BadRows
	}
	n, last := 0, -1
	for _, r := range e.Rows {
		if r.Line != last {
			n, last = n+1, r.Line
		}
	}
	return n
}

// Error summarises the first few problems: "3 bad rows: line 2: …; line 5: …".
func (e *ImportError) Error() string {
	const shown = 3
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File + ": ")
	}
	fmt.Fprintf(&b, "%d bad rows", e.Count())
	for i, r := range e.Rows {
		if i == shown {
			fmt.Fprintf(&b, "; and %d more", len(e.Rows)-shown)
			break
		}
		sep := "; "
		if i == 0 {
			sep = ": "
		}
		fmt.Fprintf(&b, "%sline %d: %s", sep, r.Line, r.Text())
	}
	return b.String()
}

// rowProblems collects row errors up to MaxRowErrors and counts the bad rows.
type rowProblems struct {
	rows     []RowError
	bad      int
	lastLine int
}

func (p *rowProblems) add(line int, message string, data map[string]any) {
	if line != p.lastLine {
		p.bad++
		p.lastLine = line
	}
	if len(p.rows) < MaxRowErrors {
		p.rows = append(p.rows, RowError{Line: line, Message: message, Data: boundedData(data)})
	}
}

func (p *rowProblems) err() error {
	ie := &ImportError{Rows: p.rows, BadRows: p.bad}
	return Wrap(ie, EINVALID, "{{.Count}} rows have errors; nothing was imported", map[string]any{"Count": p.bad})
}
