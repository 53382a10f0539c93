package core

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// maxExcerptRunes is how much of a piece of input a message quotes. Input can be any
// size (a 200 MB CSV field, a 100 MB attribute); a message names it, never repeats it.
const maxExcerptRunes = 60

// maxValueRunes bounds every value any message renders, whatever put it there: the
// safety net under Excerpt, so that no message can carry unbounded input. It leaves a
// file path whole (Windows' MAX_PATH is 260 characters) and is far short of what a
// hostile file holds. A longer value is cut in the middle as Excerpt cuts.
const maxValueRunes = 500

// maxCauseRunes bounds the cause Error.Error appends, a chain of messages that may
// come from outside Påminn (a parser's error can quote its whole input).
const maxCauseRunes = 4 * maxValueRunes

// Excerpt returns s as a message may quote it: at most maxExcerptRunes characters,
// cut in the middle with "…" when longer, control characters (a NUL, a line break)
// shown as a space, and invalid UTF-8 as U+FFFD.
func Excerpt(s string) string { return excerpt(s, maxExcerptRunes) }

// excerpt is Excerpt with at most n characters (n even).
func excerpt(s string, n int) string {
	half := n / 2
	if len(s) <= n && utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return clean(s)
	}
	head, tail := s, s
	for i := 0; i < half; i++ {
		_, size := utf8.DecodeRuneInString(head)
		head = head[size:]
	}
	for i := 0; i < half; i++ {
		_, size := utf8.DecodeLastRuneInString(tail)
		tail = tail[:len(tail)-size]
	}
	return clean(s[:len(s)-len(head)]) + "…" + clean(s[len(tail):])
}

func isControl(r rune) bool { return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) }

// clean replaces control characters and invalid bytes.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		if isControl(r) {
			return ' '
		}
		return r
	}, strings.ToValidUTF8(s, "\uFFFD"))
}

// boundedData returns data with every value that renders longer than maxValueRunes
// (a string, an error, a fmt.Stringer) replaced by an excerpt of maxValueRunes. It
// returns data itself when nothing is that long, and never changes it.
func boundedData(data map[string]any) map[string]any {
	var out map[string]any
	for k, v := range data {
		var s string
		switch v := v.(type) {
		case Word, Words:
			continue // the program's own words, rendered in the user's language
		case string:
			s = v
		case error:
			s = v.Error()
		case fmt.Stringer:
			s = v.String()
		default:
			continue
		}
		if len(s) <= maxValueRunes || utf8.RuneCountInString(s) <= maxValueRunes {
			continue
		}
		if out == nil {
			out = make(map[string]any, len(data))
			for k, v := range data {
				out[k] = v
			}
		}
		out[k] = excerpt(s, maxValueRunes)
	}
	if out == nil {
		return data
	}
	return out
}
