// Package sie writes SIE type 4i files, the format Swedish bookkeeping programs read
// verifications from (SIE-Gruppen, "SIE filformat, utgåva 4B", 2008-09-30; the
// sections named below are that document's). core decides what is booked; this
// package only writes it down.
package sie

import (
	"bufio"
	"hash"
	"hash/crc32"
	"io"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/charmap"

	"paminn/core"
)

// Writer writes core.SIEFile in the SIE file format; it implements core.SIEWriter.
type Writer struct{}

// lineEnd ends every record: CR LF, as the PC programs the format was made for write.
const lineEnd = "\r\n"

// WriteSIE writes f and then each verification verifications hands over to w:
// #FLAGGA first, then #KSUMMA opening the checksummed part ("Kontrollsummering"),
// the identification records, #KONTO for each account, each verification as #VER
// with its #TRANS in braces, and #KSUMMA with the checksum last. Text is PC8 (IBM
// code page 437, "#FORMAT"); a character PC8 lacks becomes '?'. It returns how many
// verifications it wrote.
func (Writer) WriteSIE(w io.Writer, f core.SIEFile, verifications func(each func(core.Verification) error) error) (int, error) {
	out := &recordWriter{w: bufio.NewWriter(w), sum: crc32.NewIEEE()}
	out.plain("#FLAGGA", "0") // "#FLAGGA": 0, not yet read in by the receiver
	out.plain("#KSUMMA")
	out.record("#PROGRAM", text(f.Program), word(f.ProgramVersion))
	out.record("#FORMAT", word("PC8"))
	out.record("#GEN", word(date(f.Generated)))
	out.record("#SIETYP", word("4"))
	out.record("#FNAMN", text(f.Company))
	if f.OrgNumber != "" {
		out.record("#ORGNR", word(f.OrgNumber))
	}
	for _, a := range f.Accounts {
		out.record("#KONTO", word(a.Number), text(a.Name))
	}
	n := 0
	err := verifications(func(v core.Verification) error {
		// Series and number left empty: the receiving program numbers an import
		// file's verifications in its own series ("#VER").
		out.record("#VER", text(""), text(""), word(date(v.Date)), text(v.Text))
		out.plain("{")
		for _, l := range v.Lines {
			out.record("#TRANS", word(l.Account), objects{}, word(l.Amount.StringFixed(2)))
		}
		out.plain("}")
		n++
		return out.err
	})
	if err != nil {
		return n, err
	}
	out.plain("#KSUMMA", strconv.FormatUint(uint64(out.sum.Sum32()), 10))
	if out.err != nil {
		return n, out.err
	}
	return n, out.w.Flush()
}

// field is one field of a record: how it is written and what of it is checksummed.
type field interface {
	written() string
	content() string
}

// word is a field written as it is (an account, a date, an amount): no spaces.
type word string

func (s word) written() string { return string(s) }
func (s word) content() string { return string(s) }

// text is a field written in quotes, an inner quote escaped by a backslash ("Allmänt
// om SIE-filens uppbyggnad"); control characters become spaces and a backslash a '/',
// so no text ends or escapes its own quotes.
type text string

func (s text) written() string { return `"` + strings.ReplaceAll(clean(string(s)), `"`, `\"`) + `"` }
func (s text) content() string { return clean(string(s)) }

// objects is an empty object list ("{}"): Påminn books on no dimension.
type objects struct{}

func (objects) written() string { return "{}" }
func (objects) content() string { return "" }

// clean replaces what a field may not hold.
func clean(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r < 0x20 || r == 0x7f:
			return ' '
		case r == '\\':
			return '/'
		}
		return r
	}, s)
}

// date writes d as SIE dates are written: YYYYMMDD.
func date(d core.Date) string { return strings.ReplaceAll(d.String(), "-", "") }

// recordWriter writes records in PC8 and keeps the checksum of what is checksummed:
// the label and each field's content, without the spaces between fields, quotes,
// braces and line ends ("Vilka delar av filinnehållet ska kontrollsummeras?"), in the
// bytes the file holds, by CRC-32 ("Algoritm för kontrollsummering": the polynomial
// 0xEDB88320 reflected, start 0xFFFFFFFF, result inverted — hash/crc32's IEEE).
type recordWriter struct {
	w   *bufio.Writer
	sum hash.Hash32
	buf []byte
	err error
}

// record writes a checksummed record.
func (r *recordWriter) record(label string, fields ...field) {
	line := label
	r.check(label)
	for _, f := range fields {
		line += " " + f.written()
		r.check(f.content())
	}
	r.write(line)
}

// plain writes a record outside the checksum: #FLAGGA, the #KSUMMA records, braces.
func (r *recordWriter) plain(label string, fields ...string) {
	r.write(strings.Join(append([]string{label}, fields...), " "))
}

func (r *recordWriter) check(s string) {
	r.buf = pc8(r.buf[:0], s)
	r.sum.Write(r.buf)
}

func (r *recordWriter) write(line string) {
	if r.err != nil {
		return
	}
	r.buf = pc8(r.buf[:0], line+lineEnd)
	_, r.err = r.w.Write(r.buf)
}

// pc8 appends s in IBM code page 437 to b; a character it lacks becomes '?'.
func pc8(b []byte, s string) []byte {
	for _, c := range s {
		if c < 0x80 {
			b = append(b, byte(c))
			continue
		}
		e, ok := charmap.CodePage437.EncodeRune(c)
		if !ok {
			e = '?'
		}
		b = append(b, e)
	}
	return b
}
