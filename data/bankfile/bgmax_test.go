package bankfile_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
)

// record builds one 80-character BgMax record from fields placed at the 1-based
// positions of Bankgirot's "Bankgiro Inbetalningar — Technical Manual" (3.2).
func record(fields map[int]string) string {
	r := []rune(strings.Repeat(" ", 80))
	for pos, f := range fields {
		copy(r[pos-1:], []rune(f))
	}
	return string(r)
}

// latin1 turns a test file written in Go's UTF-8 into the ISO-8859-1 BgMax is sent in.
func latin1(s string) []byte {
	b := make([]byte, 0, len(s))
	for _, r := range s {
		b = append(b, byte(r))
	}
	return b
}

// sampleBGMax is a file laid out by the Technical Manual: one section for bankgiro
// 5050-1055 with an OCR payment carrying an extra reference, a message, the payer's
// name (in ISO-8859-1) and organisation number; a payment without reference; and a
// deduction; then the deposit (15) and end (70) records.
func sampleBGMax() []string {
	return []string{
		record(map[int]string{1: "01", 3: "BGMAX", 23: "01", 25: "20261125083000123456", 45: "P"}),
		record(map[int]string{1: "05", 3: "0050501055", 23: "SEK"}),
		record(map[int]string{1: "20", 3: "0009912346", 13: "               100010503", 38: "000000000000125000", 56: "2", 57: "1", 58: "000000000101", 70: "0"}),
		record(map[int]string{1: "22", 3: "0009912346", 13: "                  100028", 38: "000000000000000000", 56: "2", 57: "1", 58: "000000000101", 70: "0"}),
		record(map[int]string{1: "25", 3: "Faktura 10001 och 10002"}),
		record(map[int]string{1: "26", 3: "Åkesson & Söner AB"}),
		record(map[int]string{1: "27", 3: "Storgatan 2", 38: "12345"}),
		record(map[int]string{1: "28", 3: "Storåker"}),
		record(map[int]string{1: "29", 3: "005561234567"}),
		record(map[int]string{1: "20", 3: "0000000000", 38: "000000000000050000", 56: "1", 57: "3", 58: "000000000102", 70: "1"}),
		record(map[int]string{1: "21", 3: "0009912346", 13: "KREDIT 77", 38: "000000000000010000", 56: "3", 57: "1", 58: "000000000103", 70: "0", 71: "0"}),
		record(map[int]string{1: "15", 3: "00000000000000000005841000001009823", 38: "20261124", 46: "00042", 51: "000000000000165000", 69: "SEK", 72: "00000003"}),
		record(map[int]string{1: "70", 3: "00000002", 11: "00000001", 19: "00000001", 27: "00000001"}),
	}
}

func TestABGMaxFileReadsEveryPaymentWithItsReferencesNameAndDate(t *testing.T) {
	f, err := bankfile.Read("bgmax.txt", latin1(strings.Join(sampleBGMax(), "\r\n")+"\r\n"))
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != core.FormatBGMax || len(f.Accounts) != 1 || f.Accounts[0].Bankgiro != "50501055" || f.Accounts[0].Line != 2 {
		t.Fatalf("file = %+v", f)
	}
	if !f.Total.Equal(decimal.RequireFromString("1650")) || len(f.Payments) != 3 {
		t.Fatalf("total %s, %d payments", f.Total, len(f.Payments))
	}
	p := f.Payments[0]
	want := core.BankPayment{Key: "bgmax:50501055:2026-11-24:42:101", Line: 3, Date: core.MustDate("2026-11-24"),
		Amount: decimal.RequireFromString("1250"), Reference: "100010503", Extra: []string{"100028"},
		Message: "Faktura 10001 och 10002", PayerName: "Åkesson & Söner AB", PayerID: "5561234567"}
	if p.Key != want.Key || p.Line != want.Line || p.Date != want.Date || !p.Amount.Equal(want.Amount) ||
		p.Reference != want.Reference || strings.Join(p.Extra, ",") != "100028" || p.Message != want.Message ||
		p.PayerName != want.PayerName || p.PayerID != want.PayerID {
		t.Errorf("payment = %+v\nwant      %+v", p, want)
	}
	if d := f.Payments[2]; !d.IsDeduction() || !d.Amount.Equal(decimal.RequireFromString("-100")) || d.Reference != "KREDIT 77" {
		t.Errorf("deduction = %+v", d)
	}
}

func TestTheWriterWritesWhatTheReaderReads(t *testing.T) {
	pays := []core.BankPayment{
		{Amount: decimal.RequireFromString("100.50"), Reference: "100010503", PayerName: "Kund Ö", Message: strings.Repeat("x", 50) + " yy"},
		{Amount: decimal.RequireFromString("-20"), Reference: "KREDIT"},
	}
	b := bankfile.WriteBGMax(time.Date(2026, 11, 25, 8, 0, 0, 0, time.UTC), "5050-1055",
		[]bankfile.Deposit{{Date: core.MustDate("2026-11-24"), Serial: 7, Payments: pays}})
	f, err := bankfile.ReadBGMax("w.txt", b)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Payments) != 2 || f.Payments[0].Message != strings.Repeat("x", 50)+" yy" || f.Payments[0].PayerName != "Kund Ö" ||
		!f.Total.Equal(decimal.RequireFromString("80.50")) {
		t.Errorf("read back %+v", f)
	}
}

// change returns the sample with line n (1-based) replaced.
func change(n int, rec string) []string {
	lines := sampleBGMax()
	lines[n-1] = rec
	return lines
}

func TestABadBGMaxFileIsRefusedNamingTheLine(t *testing.T) {
	lines := sampleBGMax()
	for _, c := range []struct {
		name  string
		lines []string
		msg   string
		line  int
	}{
		{"a truncated file", lines[:9], "without its end record", 9},
		{"a record of 79 characters", change(5, lines[4][:79]), "80", 5},
		{"a record of 81 characters", change(5, lines[4]+" "), "80", 5},
		{"a deposit whose sum is not its payments'", change(12, strings.Replace(lines[11], "000000000000165000", "000000000000165100", 1)), "add up to", 12},
		{"a deposit whose count is not its payments'", change(12, strings.Replace(lines[11], "00000003", "00000004", 1)), "counts 4 payments", 12},
		{"an end record that counts wrong", change(13, record(map[int]string{1: "70", 3: "00000003", 11: "00000001", 19: "00000001", 27: "00000001"})), "type 20", 13},
		{"an amount that is not a number", change(10, strings.Replace(lines[9], "000000000000050000", "0000000000000500x0", 1)), "not a number", 10},
		{"a payment outside a section", append(append([]string{}, lines[:1]...), lines[2:]...), "cannot come here", 2},
		{"a payment date that is no date", change(12, strings.Replace(lines[11], "20261124", "20261324", 1)), "not a date", 12},
		{"another currency", change(2, record(map[int]string{1: "05", 3: "0050501055", 23: "EUR"})), "SEK only", 2},
		{"a test file from Bankgirot", change(1, record(map[int]string{1: "01", 3: "BGMAX", 23: "01", 25: "20261125083000123456", 45: "T"})), "test file", 1},
		{"a file that is not BGMax", change(1, record(map[int]string{1: "01", 3: "BGMIN", 23: "01"})), "opening record", 1},
		{"more after the end", append(append([]string{}, lines...), lines[1]), "after the end record", 14},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := bankfile.ReadBGMax("bad.txt", latin1(strings.Join(c.lines, "\n")))
			var e *core.Error
			if !errors.As(err, &e) || e.Code != core.EINVALID {
				t.Fatalf("err = %v, want an EINVALID *core.Error", err)
			}
			if !strings.Contains(e.Text(), c.msg) || !strings.HasPrefix(e.Text(), "bad.txt") {
				t.Errorf("message %q lacks %q", e.Text(), c.msg)
			}
			if e.Data["Line"] != c.line {
				t.Errorf("line %v, want %d (%s)", e.Data["Line"], c.line, e.Text())
			}
		})
	}
}

func TestAFileOfNeitherFormatIsRefused(t *testing.T) {
	_, err := bankfile.Read("x.csv", []byte("a;b;c\n"))
	if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), "neither") {
		t.Errorf("err = %v", err)
	}
}

// FuzzReadBGMax: whatever the bytes, the reader returns a file or an *Error, never
// panics, and a file it accepts has a total equal to its payments' sum.
func FuzzReadBGMax(f *testing.F) {
	f.Add(latin1(strings.Join(sampleBGMax(), "\n")))
	f.Add(latin1(strings.Join(sampleBGMax()[:5], "\n")))
	f.Add([]byte("01BGMAX"))
	// Seeds of issue 19: an unknown record type, records 22 and 23 with amounts, a
	// blank serial number, an odd organisation number, a byte-order mark, UTF-8.
	f.Add(bgmaxFile(opening(), section(), pay20("               100010503", "000000000000110000", "3", "            "),
		extra("22", "                  100028", "000000000000050000", "            "),
		extra("23", "                 KF 2001", "000000000000020000", "            "),
		record(map[int]string{1: "99", 3: "NY"}), record(map[int]string{1: "29", 3: "556123-4567"}),
		deposit15("000000000000110000", "00000001"), end70("00000001", "00000000", "00000002", "00000001")))
	f.Add(append([]byte("\xef\xbb\xbf"), []byte(strings.Join(sampleBGMax(), "\n"))...))
	f.Add(bgmaxFile(opening(), section(), pay20("               100010503", "999999999999999999", "1", "000000000001"),
		deposit15("999999999999999999", "00000001"), end70("00000001", "00000000", "00000000", "00000001")))
	f.Fuzz(func(t *testing.T, b []byte) {
		file, err := bankfile.ReadBGMax("fuzz.txt", b)
		if err != nil {
			var e *core.Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not a *core.Error", err)
			}
			return
		}
		sum := decimal.Zero
		for _, p := range file.Payments {
			sum = sum.Add(p.Amount)
		}
		if !sum.Equal(file.Total) {
			t.Fatalf("total %s, payments add up to %s", file.Total, sum)
		}
	})
}
