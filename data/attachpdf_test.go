package data

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// writePDF writes a small PDF-looking file naming whose original it is.
func writePDF(t *testing.T, whose string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "original.pdf")
	if err := os.WriteFile(path, []byte("%PDF-1.4\n% the original invoice of "+whose+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Issue 25, point 2: an invoice's original was kept under a name made from its number
// alone, so two numbers that look alike once made safe shared one file, and the
// second PDF attached replaced the first invoice's.
func TestInvoicesWhoseNumbersLookAlikeKeepTheirOwnOriginals(t *testing.T) {
	long := strings.Repeat("8", 300)
	for _, tc := range []struct{ name, first, second string }{
		{"a slash and a colon", "2026/15", "2026:15"},
		{"a space and an underscore", "A 1", "A_1"},
		{"two long numbers sharing their start", long + "1", long + "2"},
		{"numbers differing only in case", "ab-1", "AB-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := mustOpen(t)
			c := mustCustomer(t, s, "K1", "Anna AB")
			a := mustInvoice(t, s, c, invoiceSpec{number: tc.first, dueIn: -30, total: "1000"})
			b := mustInvoice(t, s, c, invoiceSpec{number: tc.second, dueIn: -30, total: "1000"})
			for _, inv := range []core.Invoice{a, b} {
				if _, err := s.AttachInvoicePDF(ctx, inv.ID, writePDF(t, inv.Number), time.Now()); err != nil {
					t.Fatal(err)
				}
			}
			a, _ = s.Invoice(ctx, a.ID)
			b, _ = s.Invoice(ctx, b.ID)
			if strings.EqualFold(a.PDF, b.PDF) {
				t.Fatalf("both originals are kept as %q and %q, one file where names ignore case", a.PDF, b.PDF)
			}
			for _, inv := range []core.Invoice{a, b} {
				got, err := os.ReadFile(inv.PDF)
				if err != nil || !bytes.Contains(got, []byte("of "+inv.Number+"\n")) {
					t.Errorf("invoice %.20s… has %q as its original (%v)", inv.Number, got, err)
				}
				if name := filepath.Base(inv.PDF); len(name) > 120 || !strings.HasPrefix(name, "faktura-") {
					t.Errorf("the original is named %q", name)
				}
			}
		})
	}
}

// Issue 25, point 11: a 300-character invoice number made a file name longer than any
// file system allows, and the user read only that the PDF "could not be saved".
func TestAPDFCanBeAttachedToAnInvoiceWithAVeryLongNumber(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	inv := mustInvoice(t, s, c, invoiceSpec{number: strings.Repeat("Faktura-", 37) + "2026", dueIn: -30, total: "1000"})
	got, err := s.AttachInvoicePDF(ctx, inv.ID, writePDF(t, "the long one"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if name := filepath.Base(got.PDF); !strings.HasPrefix(name, "faktura-") || !strings.Contains(name, "Faktura-Faktura-") {
		t.Errorf("the original is named %q, not after its invoice", name)
	}
}

func TestAnOriginalThatCannotBeSavedSaysWhereAndWhy(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	inv := mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -30, total: "1000"})
	folder := strings.TrimSuffix(s.Path(), ".db") + " PDF"
	if err := os.WriteFile(folder, []byte("a file where the folder should be"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := s.AttachInvoicePDF(ctx, inv.ID, writePDF(t, "1001"), time.Now())
	wantCode(t, err, core.EUNAVAILABLE)
	// The why is the system's own: Linux and macOS say "not a directory"; Windows
	// (and Wine) says the path is not found.
	why := "not a directory"
	if runtime.GOOS == "windows" {
		why = "not found"
	}
	if text := core.AsError(err).Text(); !strings.Contains(text, folder) || !strings.Contains(text, why) {
		t.Errorf("the message %q does not say where and why", text)
	}
	if got, _ := s.Invoice(ctx, inv.ID); got.PDF != "" {
		t.Errorf("the invoice records %q as its original", got.PDF)
	}
}

// A different PDF attached later is kept beside the first (nothing is replaced) and
// becomes the invoice's original; the same PDF again is the same file.
func TestAttachingAgainKeepsTheEarlierFile(t *testing.T) {
	s := mustOpen(t)
	c := mustCustomer(t, s, "K1", "Anna AB")
	inv := mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -30, total: "1000"})
	first, err := s.AttachInvoicePDF(ctx, inv.ID, writePDF(t, "1001, first"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.AttachInvoicePDF(ctx, inv.ID, writePDF(t, "1001, corrected"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	again, err := s.AttachInvoicePDF(ctx, inv.ID, writePDF(t, "1001, corrected"), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if first.PDF == second.PDF || again.PDF != second.PDF {
		t.Errorf("originals kept as %q, %q, %q", first.PDF, second.PDF, again.PDF)
	}
	if b, _ := os.ReadFile(first.PDF); !bytes.Contains(b, []byte("first")) {
		t.Errorf("the first original was replaced: %q", b)
	}
}
