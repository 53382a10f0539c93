package letter

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"paminn/core"
)

// Issue 25, point 1: invoice numbers that SafeName maps to the same text, or that
// differ only in case (one name on Windows and macOS), wrote one file, and the second
// customer's letter replaced the first's.
func TestLettersWhoseInvoiceNumbersLookAlikeEachGetTheirOwnFile(t *testing.T) {
	long := strings.Repeat("7", 70)
	for _, tc := range []struct{ name, first, second string }{
		{"a slash and a colon", "2026/15", "2026:15"},
		{"a space and an underscore", "A 1", "A_1"},
		{"two accented letters", "Faktura-ö1", "Faktura-ô1"},
		{"two long numbers sharing 64 characters", long + "1", long + "2"},
		{"numbers differing only in case", "ab-1", "AB-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			w := New()
			a, b := sampleLetter(), sampleLetter()
			a.Invoice.Number, a.Customer.Name, a.Reminder.ID = tc.first, "Anna Andersson", 41
			b.Invoice.Number, b.Customer.Name, b.Reminder.ID = tc.second, "Bertil Berg", 42
			pa, err := w.WriteLetter(context.Background(), dir, a)
			if err != nil {
				t.Fatal(err)
			}
			pb, err := w.WriteLetter(context.Background(), dir, b)
			if err != nil {
				t.Fatal(err)
			}
			if strings.EqualFold(pa, pb) {
				t.Fatalf("both letters went to %q and %q, one file where names ignore case", pa, pb)
			}
			for _, f := range []struct{ path, own, other string }{{pa, "Anna Andersson", "Bertil Berg"}, {pb, "Bertil Berg", "Anna Andersson"}} {
				pdf, err := os.ReadFile(f.path)
				if err != nil {
					t.Fatal(err)
				}
				text := pdfText(t, pdf)
				if !strings.Contains(text, f.own) || strings.Contains(text, f.other) {
					t.Errorf("%s should be %s's letter; it says:\n%s", filepath.Base(f.path), f.own, text)
				}
			}
		})
	}
}

// Another book's reminder of the same ID, writing to the same folder, left a file
// under this letter's name. (A name differing only in case is the same name on
// Windows and macOS; os.Link reports it as existing there, which a test on Linux
// cannot show.)
func TestWriteLetterNeverReplacesAnotherFile(t *testing.T) {
	dir := t.TempDir()
	l := sampleLetter()
	other := []byte("%PDF-1.4\n% another book's letter\n")
	existing := filepath.Join(dir, FileName(l))
	if err := os.WriteFile(existing, other, 0o600); err != nil {
		t.Fatal(err)
	}
	path, err := New().WriteLetter(context.Background(), dir, l)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(existing); !bytes.Equal(got, other) {
		t.Fatal("writing the letter replaced a file that was there before")
	}
	if want := filepath.Join(dir, strings.TrimSuffix(FileName(l), ".pdf")+"-2.pdf"); path != want {
		t.Fatalf("the letter went to %q, want %q beside the other", path, want)
	}
	if pdf, err := os.ReadFile(path); err != nil || !bytes.Contains([]byte(pdfText(t, pdf)), []byte("Åsa Öberg AB")) {
		t.Errorf("the letter at %q is not this reminder's (%v)", path, err)
	}
	again, err := New().WriteLetter(context.Background(), dir, l)
	if err != nil || again != path {
		t.Errorf("writing the same letter again went to %q (%v), want %q", again, err, path)
	}
}

func TestLetterFileNamesStayReadable(t *testing.T) {
	l := sampleLetter()
	l.Invoice.Number = strings.Repeat("Faktura 2026/", 25) // 325 characters
	name := FileName(l)
	if len(name) > 120 {
		t.Errorf("the name is %d bytes long: %q", len(name), name)
	}
	if !strings.HasPrefix(name, "Paminnelse-Faktura_2026_") || !strings.HasSuffix(name, "-2-2025-03-01-id99.pdf") {
		t.Errorf("the name %q does not show the invoice number, the level, the date and the reminder", name)
	}
	var unsaved core.Letter // a reminder not yet in a book has no ID to carry
	unsaved.Invoice.Number = "1"
	if got := FileName(unsaved); !strings.HasPrefix(got, "Paminnelse-1-1-") || strings.Contains(got, "-id") {
		t.Errorf("a letter without a reminder ID is named %q", got)
	}
}
