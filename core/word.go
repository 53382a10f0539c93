package core

import "strings"

// Word is a word of Påminn's own vocabulary given to a message as data, such as an
// import field's name ("Due date"): English, and its own translation key, so the
// message's data is rendered in the user's language as its template is. User input
// is never a Word: it is quoted as the user wrote it.
type Word string

// Words is a list of words, rendered joined by commas.
type Words []Word

// String renders the words in English, joined by commas.
func (ts Words) String() string {
	s := make([]string, len(ts))
	for i, t := range ts {
		s[i] = string(t)
	}
	return strings.Join(s, ", ")
}

// fieldWords names fields by their labels.
func fieldWords(fields []ImportField) Words {
	ts := make(Words, len(fields))
	for i, f := range fields {
		ts[i] = Word(f.Label)
	}
	return ts
}

// fieldWord names the field of kind k with key by its label, or the key itself,
// quoted, when k has no such field.
func fieldWord(k ImportKind, key string) any {
	for _, f := range ImportFields(k) {
		if f.Key == key {
			return Word(f.Label)
		}
	}
	return Excerpt(key)
}
