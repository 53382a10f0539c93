package data

import (
	"strings"
	"testing"
)

func TestRebindWritesSQLitesPlaceholdersAsPostgreSQLs(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"a statement without placeholders is left as it is", `SELECT 1`, `SELECT 1`},
		{"bare placeholders are numbered in order", `UPDATE t SET a = ?, b = ? WHERE id = ?`,
			`UPDATE t SET a = $1, b = $2 WHERE id = $3`},
		{"numbered placeholders keep their number, repeated or not", `VALUES (?1, ?2, ?10, ?9, ?1)`,
			`VALUES ($1, $2, $10, $9, $1)`},
		{"a bare placeholder after a numbered one takes the next after the largest", `?3, ?, ?1, ?`,
			`$3, $4, $1, $5`},
		{"a question mark in quoted text stays", `SELECT 'why?' || ?, "col?" FROM t WHERE x = ?`,
			`SELECT 'why?' || $1, "col?" FROM t WHERE x = $2`},
		{"a doubled quote inside text stays text", `SELECT 'it''s ?', ?`, `SELECT 'it''s ?', $1`},
		{"a comment keeps its question marks", "SELECT ? -- what?\nFROM t WHERE a = ?",
			"SELECT $1 -- what?\nFROM t WHERE a = $2"},
		{"an unterminated quote is copied to the end", `SELECT ?, 'open ?`, `SELECT $1, 'open ?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := rebind(tt.in); got != tt.want {
				t.Fatalf("rebind(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzRebind: rebind changes nothing but the placeholders — the text without '?' and
// '$'-numbers is the same before and after, and there are no '?' left outside quotes
// and comments.
func FuzzRebind(f *testing.F) {
	for _, s := range []string{`SELECT ?`, `?1 ?2 ?`, `'a?' "b?" -- c?` + "\n?", `?99999999999999999999`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := rebind(in)
		if strings.Count(out, "?") > strings.Count(in, "?") {
			t.Fatalf("rebind(%q) = %q has more question marks", in, out)
		}
		if !strings.Contains(in, "?") && out != in {
			t.Fatalf("rebind(%q) = %q changed a statement without placeholders", in, out)
		}
		strip := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r == '?' || r == '$' || r >= '0' && r <= '9' {
					return -1
				}
				return r
			}, s)
		}
		if strip(out) != strip(in) {
			t.Fatalf("rebind(%q) = %q changed more than the placeholders", in, out)
		}
	})
}
