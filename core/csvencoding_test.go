package core

import (
	"strings"
	"testing"
)

// A field is taken as UTF-8 when it is valid UTF-8, and otherwise as Windows-1252, the
// encoding Swedish Excel saves CSV in; each field on its own.
func TestDecodeText(t *testing.T) {
	for _, tt := range []struct {
		name, in, want string
	}{
		{"UTF-8 is kept as it is", "Åsa Öberg, Gävle €", "Åsa Öberg, Gävle €"},
		{"Windows-1252 letters become their Unicode letters", "\xc5sa \xd6berg, G\xe4vle", "Åsa Öberg, Gävle"},
		{"the bytes 0x80–0x9F are Windows-1252's, not Latin-1's", "\x80 \x96 \x93x\x94 \x8a\x9a", "€ – “x” Šš"},
		{"the five unassigned bytes become the replacement character", "a\x81\x8d\x8f\x90\x9db", "a\ufffd\ufffd\ufffd\ufffd\ufffdb"},
		{"ASCII is ASCII in both", "F-1001", "F-1001"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := decodeText(tt.in); got != tt.want {
				t.Errorf("decodeText(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// A file mixing the encodings, such as rows pasted from two programs, reads field by field.
func TestParseCustomersCSVReadsEachFieldInItsOwnEncoding(t *testing.T) {
	cs, err := ParseCustomersCSV(strings.NewReader("number;name;city\n7;\xc5sa;Göteborg\n"))
	if err != nil {
		t.Fatal(err)
	}
	if cs[0].Name != "Åsa" || cs[0].Address.City != "Göteborg" {
		t.Errorf("got %q in %q, want Åsa in Göteborg", cs[0].Name, cs[0].Address.City)
	}
}
