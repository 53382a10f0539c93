package core

import (
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// decodeText returns s unchanged when it is UTF-8, and otherwise reads it as
// Windows-1252, the encoding Excel in a Swedish locale saves "CSV (semikolonavgränsad)"
// in, so that "Åsa" survives either way. Each field is decoded on its own, so a file
// whose fields were pasted together from both encodings still reads. The five bytes
// Windows-1252 leaves unassigned become U+FFFD, the replacement character.
func decodeText(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	// A charmap decoder never fails: every byte maps to a rune.
	text, _ := charmap.Windows1252.NewDecoder().String(s)
	return text
}
