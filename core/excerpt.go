package core

import (
	"strings"
	"unicode/utf8"
)

// maxExcerptRunes is how much of a piece of input a message quotes. Input can be any
// size (a 200 MB CSV field, a 100 MB attribute); a message names it, never repeats it.
const maxExcerptRunes = 60

// Excerpt returns s as a message may quote it: at most maxExcerptRunes characters,
// cut in the middle with "…" when longer, control characters (a NUL, a line break)
// shown as a space, and invalid UTF-8 as U+FFFD.
func Excerpt(s string) string {
	const half = maxExcerptRunes / 2
	if len(s) <= maxExcerptRunes && utf8.ValidString(s) && !strings.ContainsFunc(s, isControl) {
		return s
	}
	var head []rune
	for _, r := range s {
		if len(head) == half+1 {
			break
		}
		head = append(head, r)
	}
	if utf8.RuneCountInString(s) <= maxExcerptRunes {
		return clean(s)
	}
	tail := make([]rune, 0, half)
	for i := len(s); i > 0 && len(tail) < half; {
		r, size := utf8.DecodeLastRuneInString(s[:i])
		tail = append(tail, r)
		i -= size
	}
	for i, j := 0, len(tail)-1; i < j; i, j = i+1, j-1 {
		tail[i], tail[j] = tail[j], tail[i]
	}
	return clean(string(head[:half])) + "…" + clean(string(tail))
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
