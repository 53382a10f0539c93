package letter

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
)

func dec(s string) decimal.Decimal { return decimal.RequireFromString(s) }

// sampleLetter is a second reminder with interest and a fee, to a customer whose name
// has Swedish letters.
func sampleLetter() core.Letter {
	balance, interest, fee := dec("12345.50"), dec("122.63"), dec("60")
	return core.Letter{
		Company: core.Company{
			Name: "Fjällbäckens Snickeri AB", OrgNumber: "556677-8899", Bankgiro: "5050-1055",
			Address: core.Address{Line1: "Storgatan 1", ZipCode: "452 96", City: "Strömstad", Country: "SE"},
			Email:   "faktura@snickeri.se", Phone: "0526-123 45",
		},
		Customer: core.Customer{
			Number: "K-17", Name: "Åsa Öberg AB", Email: "asa@oberg.se",
			Address: core.Address{Line1: "Kvarngränd 3", Line2: "c/o Café Ängen", ZipCode: "113 51", City: "Göteborg", Country: "SE"},
		},
		Invoice: core.Invoice{
			ID: 7, Number: "2025-0042", InvoiceDate: core.MustDate("2025-01-01"), DueDate: core.MustDate("2025-01-31"),
			Total: balance, OCR: "2025004218",
		},
		Reminder: core.Reminder{
			ID: 99, Level: 2, Date: core.MustDate("2025-03-01"),
			InterestRate: dec("12.5"), InterestFrom: core.MustDate("2025-02-01"), InterestDays: 29,
			Interest: interest, Fee: fee, Balance: balance, AmountDue: balance.Add(interest).Add(fee),
			NewDueDate: core.MustDate("2025-03-11"),
		},
	}
}

// pdfText extracts the text of a PDF with poppler's pdftotext, keeping each printed row
// on one line and collapsing runs of spaces.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is not on PATH: install poppler-utils (apt-get install poppler-utils, brew install poppler) to run the letter tests")
	}
	cmd := exec.Command("pdftotext", "-layout", "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, stderr.String())
	}
	return regexp.MustCompile(`[ \t\x{a0}]+`).ReplaceAllString(string(out), " ")
}

func TestRenderLetterShowsTheFiguresInSwedish(t *testing.T) {
	pdf, err := New().RenderLetter(sampleLetter())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", pdf[:min(len(pdf), 16)])
	}
	text := pdfText(t, pdf)
	for _, want := range []string{
		"Fjällbäckens Snickeri AB", "Org.nr 556677-8899", "Storgatan 1", "452 96 Strömstad",
		"E-post faktura@snickeri.se", "Telefon 0526-123 45",
		"Åsa Öberg AB", "Kvarngränd 3", "c/o Café Ängen", "113 51 Göteborg",
		"Betalningspåminnelse 2",
		"Fakturanummer 2025-0042", "Fakturadatum 2025-01-01", "Förfallodatum 2025-01-31",
		"Kvar att betala 12 345,50 kr",
		"Dröjsmålsränta 12,50 % 2025-02-01 – 2025-03-01 (29 dagar) 122,63 kr",
		"Påminnelseavgift 60,00 kr",
		"Att betala 12 528,13 kr",
		"Betala senast 2025-03-11",
		"Bankgiro 5050-1055", "OCR-nummer 2025004218",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter does not say %q; it says:\n%s", want, text)
		}
	}
	if strings.Contains(text, "Ange fakturanummer") {
		t.Error("a letter with an OCR number asks for the invoice number as reference")
	}
}

func TestRenderLetterLeavesOutWhatIsNotCharged(t *testing.T) {
	l := sampleLetter()
	l.Reminder.Level = 1
	l.Reminder.Interest, l.Reminder.Fee, l.Reminder.InterestDays = decimal.Zero, decimal.Zero, 0
	l.Reminder.InterestFrom = core.Date{}
	l.Reminder.AmountDue = l.Reminder.Balance
	l.Invoice.OCR = ""
	pdf, err := New().RenderLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	text := pdfText(t, pdf)
	for _, absent := range []string{"Dröjsmålsränta", "Påminnelseavgift", "Betalningspåminnelse 2", "OCR-nummer"} {
		if strings.Contains(text, absent) {
			t.Errorf("the letter says %q though it should not:\n%s", absent, text)
		}
	}
	for _, want := range []string{"Betalningspåminnelse", "Att betala 12 345,50 kr", "Referens 2025-0042", "Ange fakturanummer som referens"} {
		if !strings.Contains(text, want) {
			t.Errorf("the letter does not say %q; it says:\n%s", want, text)
		}
	}
}

func TestRenderLetterIsDeterministic(t *testing.T) {
	w := New()
	a, err := w.RenderLetter(sampleLetter())
	if err != nil {
		t.Fatal(err)
	}
	b, err := w.RenderLetter(sampleLetter())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the same letter rendered twice gave different bytes")
	}
	if !bytes.Contains(a, []byte("D:20250301")) {
		t.Error("the PDF's dates are not taken from the reminder date")
	}
}

func TestRenderLetterRefusesALetterWithoutInvoiceNumber(t *testing.T) {
	l := sampleLetter()
	l.Invoice.Number = ""
	_, err := New().RenderLetter(l)
	if core.ErrorCodeOf(err) != core.EINVALID {
		t.Fatalf("err = %v, want EINVALID", err)
	}
}

func TestWriteLetterCreatesTheDirectoryAndWritesTheSameLetterOnce(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "brev", "mars")
	w := New()
	l := sampleLetter()
	l.Invoice.Number = "2025/0042"
	path, err := w.WriteLetter(context.Background(), dir, l)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "Paminnelse-2025_0042-2-2025-03-01-id99.pdf"); path != want {
		t.Fatalf("path = %q, want %q", path, want)
	}
	first, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(first, []byte("%PDF-")) {
		t.Fatal("the file is not a PDF")
	}

	again, err := w.WriteLetter(context.Background(), dir, l)
	if err != nil {
		t.Fatal(err)
	}
	if again != path {
		t.Fatalf("writing the same letter again went to %q, not %q", again, path)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("the directory holds %d entries, want only the letter: %v", len(entries), entries)
	}
}

func TestWriteLetterReportsAnUnwritableDirectory(t *testing.T) {
	blocker := filepath.Join(t.TempDir(), "not-a-dir")
	if err := os.WriteFile(blocker, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := New().WriteLetter(context.Background(), filepath.Join(blocker, "letters"), sampleLetter())
	var e *core.Error
	if !errors.As(err, &e) || e.Code != core.EUNAVAILABLE {
		t.Fatalf("err = %v, want a core EUNAVAILABLE error", err)
	}
	if !strings.Contains(e.Text(), "not-a-dir") {
		t.Errorf("the message %q does not name the path", e.Text())
	}
}

func TestWriteLetterStopsWhenCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	if _, err := New().WriteLetter(ctx, dir, sampleLetter()); err == nil {
		t.Fatal("a cancelled write succeeded")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("a cancelled write left files: %v", entries)
	}
}

func TestPlainTextHasTheSameFiguresAsTheLetter(t *testing.T) {
	text := strings.ReplaceAll(PlainText(sampleLetter()), "\u00a0", " ") // core.FormatSEK's no-break spaces
	for _, want := range []string{
		"Betalningspåminnelse 2", "2025-0042", "12 345,50 kr", "Dröjsmålsränta:   122,63 kr",
		"                  12,50 % 2025-02-01 – 2025-03-01 (29 dagar)", "Påminnelseavgift: 60,00 kr", "60,00 kr", "12 528,13 kr", "2025-03-11", "5050-1055", "2025004218", "Org.nr 556677-8899",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the text does not say %q:\n%s", want, text)
		}
	}
}

// BenchmarkRender200Letters writes one batch's worth of letters (core.MaxBatch) to disk,
// with the fonts main.go gives the writer. The design's target is at most 2 s per batch.
func BenchmarkRender200Letters(b *testing.B) {
	letters := make([]core.Letter, core.MaxBatch)
	for i := range letters {
		letters[i] = sampleLetter()
		letters[i].Invoice.Number = fmt.Sprintf("2025-%04d", i)
	}
	benchmarkWrite(b, notoWriter(b), letters)
}

// benchmarkWrite writes letters to a new folder, once per round.
func benchmarkWrite(b *testing.B, w *Writer, letters []core.Letter) {
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		dir := b.TempDir()
		for _, l := range letters {
			if _, err := w.WriteLetter(ctx, dir, l); err != nil {
				b.Fatal(err)
			}
		}
	}
}
