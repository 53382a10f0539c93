package letter

import (
	"strings"

	"paminn/core"
)

// A reminder sent by the plan (issue 22) says what its step says: the step's text,
// filled in for the invoice (core.Reminder.LetterText for the letter, EmailText for
// the e-mail), is the letter's opening in place of its own words; a step that is the
// company's own inkassokrav is an inkassokrav letter (collection.go), the step's text
// before the demand's own words.

// contentOf is what letter l says, with text as its step's words ("" for none).
func contentOf(l core.Letter, text string) content {
	if l.Reminder.Action.IsCollectionDemand() {
		cl := core.CollectionLetterOf(l)
		cl.Text = text
		return collectionContent(cl)
	}
	c := newContent(l)
	if p := paragraphs(text); len(p) > 0 {
		c.Intro = p
	}
	return c
}

// paragraphs are text's paragraphs, split at blank lines, each trimmed; none for a
// text of only space.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
