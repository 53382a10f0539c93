package core

import (
	"bufio"
	"encoding/binary"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"
)

// FuzzCSVText checks the two layers under the CSV reader against their definitions,
// read in pieces of one byte as a slow disk delivers them: UTF-16 in either byte order,
// with a byte-order mark, decodes to the text it encodes; crLineEnds turns exactly the
// lone CRs into LFs.
func FuzzCSVText(f *testing.F) {
	f.Add("number;name\r\nK1;Åsa 🌲\r")
	f.Add("a\rb\r\r\nc\n\r")
	f.Add("\ufeff\u00a0\U0010FFFF")
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		for _, order := range []binary.AppendByteOrder{binary.LittleEndian, binary.BigEndian} {
			r := utf8Text(iotest.OneByteReader(strings.NewReader(string(UTF16File(s, order, true)))))
			got, err := io.ReadAll(iotest.OneByteReader(r))
			if err != nil || string(got) != s {
				t.Fatalf("%v: decoded %q (%v), want %q", order, got, err, s)
			}
		}
		want := []byte(s)
		for i := range want {
			if want[i] == '\r' && (i+1 == len(want) || want[i+1] != '\n') {
				want[i] = '\n' // a lone CR
			}
		}
		br := bufio.NewReaderSize(iotest.OneByteReader(strings.NewReader(s)), 16)
		got, err := io.ReadAll(iotest.OneByteReader(crLineEnds{br}))
		if err != nil || string(got) != string(want) {
			t.Fatalf("crLineEnds(%q) = %q (%v), want %q", s, got, err, want)
		}
	})
}
