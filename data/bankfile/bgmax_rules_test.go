package bankfile_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
)

// The records below are written from the layouts of Bankgirot's "Bankgiro
// Inbetalningar — Technical Manual" (section 3.2, "The file's records"): the payment
// record (TK20) and the extra reference records (TK22 and TK23, laid out like TK20:
// sender's bankgiro 3–12, reference 13–37, amount in öre 38–55, reference code 56,
// payment channel 57, BGC serial number 58–69, image mark 70), information (TK25),
// organisation number (TK29: 3–14), deposit (TK15) and end (TK70).

// bgmaxFile joins records into a file with CR LF line ends, in ISO-8859-1.
func bgmaxFile(recs ...string) []byte { return latin1(strings.Join(recs, "\r\n") + "\r\n") }

func opening() string {
	return record(map[int]string{1: "01", 3: "BGMAX", 23: "01", 25: "20261125083000123456", 45: "P"})
}
func section() string { return record(map[int]string{1: "05", 3: "0050501055", 23: "SEK"}) }
func pay20(ref, ore, channel, serial string) string {
	return record(map[int]string{1: "20", 3: "0009912346", 13: ref, 38: ore, 56: "2", 57: channel, 58: serial, 70: "0"})
}
func extra(typ, ref, ore, serial string) string {
	return record(map[int]string{1: typ, 3: "0009912346", 13: ref, 38: ore, 56: "2", 57: "1", 58: serial, 70: "0"})
}
func deposit15(ore, count string) string {
	return record(map[int]string{1: "15", 3: "00000000000000000005841000001009823", 38: "20261124", 46: "00042", 51: ore, 69: "SEK", 72: count})
}
func end70(n20, n21, n22, n15 string) string {
	return record(map[int]string{1: "70", 3: n20, 11: n21, 19: n22, 27: n15})
}

func mustRead(t *testing.T, content []byte) core.BankFile {
	t.Helper()
	f, err := bankfile.Read("bgmax.txt", content)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func noteTexts(f core.BankFile) string {
	var s []string
	for _, n := range f.Notes {
		s = append(s, n.Text())
	}
	return strings.Join(s, "\n")
}

// The manual: the layout may grow, and a reader ignores a record type it does not
// know. The file is read, and the preview is told what was skipped.
func TestAnUnknownRecordTypeIsSkippedAndTheFileSaysSo(t *testing.T) {
	lines := sampleBGMax()
	withNew := append(append(append([]string{}, lines[:5]...), record(map[int]string{1: "99", 3: "NY POST"}),
		record(map[int]string{1: "30", 3: "ANNAN"}), record(map[int]string{1: "99"})), lines[5:]...)
	f := mustRead(t, latin1(strings.Join(withNew, "\n")))
	if len(f.Payments) != 3 || !f.Total.Equal(decimal.RequireFromString("1650")) || f.Payments[0].Message != "Faktura 10001 och 10002" {
		t.Fatalf("payments %+v", f.Payments)
	}
	got := noteTexts(f)
	for _, want := range []string{"type 99", "(2, the first on line 6)", "type 30", "(1, the first on line 7)"} {
		if !strings.Contains(got, want) {
			t.Errorf("notes %q lack %q", got, want)
		}
	}
}

// Record 23 is an extra reference with a negative amount: a credit note the payer
// deducted. Its number is no invoice paid; record 22 names one more invoice paid,
// with the part of the payment it pays.
func TestRecord23IsACreditNoteThePayerDeductedAndRecord22AnInvoicePaid(t *testing.T) {
	f := mustRead(t, bgmaxFile(opening(), section(),
		pay20("               100010503", "000000000000110000", "1", "000000000101"),
		extra("22", "                  100028", "000000000000050000", "000000000101"),
		extra("23", "                 KF 2001", "000000000000020000", "000000000101"),
		deposit15("000000000000110000", "00000001"), end70("00000001", "00000000", "00000002", "00000001")))
	p := f.Payments[0]
	if !p.Amount.Equal(decimal.RequireFromString("1100")) || p.Reference != "100010503" {
		t.Fatalf("payment %+v", p)
	}
	if strings.Join(p.Extra, ",") != "100028" || len(p.ExtraAmounts) != 1 || !p.ExtraAmounts[0].Equal(decimal.RequireFromString("500")) {
		t.Errorf("extra references %v %v, want 100028 paying 500", p.Extra, p.ExtraAmounts)
	}
	if len(p.Deducted) != 1 || p.Deducted[0].Reference != "KF 2001" || !p.Deducted[0].Amount.Equal(decimal.RequireFromString("200")) || p.Deducted[0].Line != 5 {
		t.Errorf("deducted %+v, want credit note KF 2001 of 200 on line 5", p.Deducted)
	}
}

// The manual lets the BGC serial number be blank; a payer's organisation number is
// written in more than one form in Bankgirot's examples. Neither makes the money
// uncertain: the file is read, the payment keyed by its place, and the oddity noted.
func TestABlankSerialNumberOrAnOddlyWrittenOrganisationNumberIsReadAndNoted(t *testing.T) {
	for _, c := range []struct {
		name, orgno, wantID string
		oddID               bool
	}{
		{"twelve digits with zeros in front", "005561234567", "5561234567", false},
		{"ten digits left-aligned with blanks after", "5561234567  ", "5561234567", false},
		{"with the century", "165561234567", "165561234567", false},
		{"with a dash", "556123-4567 ", "5561234567", false},
		{"with letters", "SE5561234567", "5561234567", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := mustRead(t, bgmaxFile(opening(), section(),
				pay20("               100010503", "000000000000010000", "3", "            "),
				record(map[int]string{1: "29", 3: c.orgno}),
				pay20("               100010503", "000000000000020000", "3", "            "),
				deposit15("000000000000030000", "00000002"), end70("00000002", "00000000", "00000000", "00000001")))
			if len(f.Payments) != 2 || f.Payments[0].PayerID != c.wantID {
				t.Fatalf("payments %+v", f.Payments)
			}
			if k0, k1 := f.Payments[0].Key, f.Payments[1].Key; k0 != "bgmax:50501055:2026-11-24:42:#1" || k1 != "bgmax:50501055:2026-11-24:42:#2" {
				t.Errorf("keys %q %q", k0, k1)
			}
			notes := noteTexts(f)
			if !strings.Contains(notes, "without Bankgirot's serial number: 2 (the first on line 3)") {
				t.Errorf("notes %q", notes)
			}
			if got := strings.Contains(notes, "organisation number on line 4"); got != c.oddID {
				t.Errorf("organisation number noted %v, want %v: %q", got, c.oddID, notes)
			}
		})
	}
}

// A file saved again as UTF-8 (with a byte-order mark, or without one) has 80
// characters per record but more bytes: it is read by characters.
func TestAFileInUTF8IsReadByCharactersWithOrWithoutAByteOrderMark(t *testing.T) {
	utf8Text := []byte(strings.Join(sampleBGMax(), "\r\n") + "\r\n") // Go strings are UTF-8
	for name, content := range map[string][]byte{
		"with a byte-order mark":    append([]byte("\xef\xbb\xbf"), utf8Text...),
		"without a byte-order mark": utf8Text,
		"latin-1 with a mark":       append([]byte("\xef\xbb\xbf"), latin1(string(utf8Text))...),
	} {
		t.Run(name, func(t *testing.T) {
			f, err := bankfile.Read("utf8.txt", content)
			if name == "latin-1 with a mark" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if f.Payments[0].PayerName != "Åkesson & Söner AB" {
				t.Errorf("name %q", f.Payments[0].PayerName)
			}
		})
	}
}

// A serial number twice in one deposit is refused in the user's words, naming both
// lines, without the program's internal key.
func TestARepeatedSerialNumberIsRefusedNamingBothLines(t *testing.T) {
	_, err := bankfile.Read("bgmax.txt", bgmaxFile(opening(), section(),
		pay20("               100010503", "000000000000010000", "1", "000000000101"),
		pay20("               100010503", "000000000000010000", "1", "000000000101"),
		deposit15("000000000000020000", "00000002"), end70("00000002", "00000000", "00000000", "00000001")))
	var e *core.Error
	if !errors.As(err, &e) || e.Code != core.EINVALID {
		t.Fatalf("err = %v", err)
	}
	text := e.Text()
	if !strings.Contains(text, "line 4: Bankgirot's serial number 101 is also on line 3") || strings.Contains(text, "bgmax:") {
		t.Errorf("message %q", text)
	}
}

// core.CheckAmountRange holds every amount from a bank file; the message names the line.
func TestAnAmountOutsideTheRangeIsRefusedNamingTheLine(t *testing.T) {
	for _, c := range []struct {
		name string
		recs []string
		line int
	}{
		{"a payment of a thousand million kronor", []string{opening(), section(),
			pay20("               100010503", "000000100000000000", "1", "000000000101"),
			deposit15("000000100000000000", "00000001"), end70("00000001", "00000000", "00000000", "00000001")}, 3},
		{"an extra reference of the largest amount the field holds", []string{opening(), section(),
			pay20("               100010503", "000000000000010000", "1", "000000000101"),
			extra("22", "                  100028", "999999999999999999", "000000000101"),
			deposit15("000000000000010000", "00000001"), end70("00000001", "00000000", "00000001", "00000001")}, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := bankfile.Read("big.txt", bgmaxFile(c.recs...))
			var e *core.Error
			if !errors.As(err, &e) || !strings.Contains(e.Text(), "too large an amount") || e.Data["Line"] != c.line {
				t.Fatalf("err = %v, want too large an amount on line %d", err, c.line)
			}
		})
	}
}
