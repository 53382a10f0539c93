package data

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/amili"
	"paminn/data/secret"
)

// amiliDesktop is one program working a book: its store and its Service, whose Amili
// channel reaches the test's sandbox.
type amiliDesktop struct {
	store core.Store
	svc   *core.Service
}

// officeDesktops opens two desktops on one book with Amili activated (the sandbox on
// loopback): on SQLite, which one program holds, both are the same store; on a server
// each has its own connections. The key is in a password store both share (secrets),
// as an office gives each desktop it.
func officeDesktops(t *testing.T, first core.Store, second func() core.Store) (a, b amiliDesktop, sb *amili.Sandbox, secrets *secret.Memory) {
	t.Helper()
	sb, am, err := amili.StartDemo(t.TempDir(), "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	secrets = &secret.Memory{}
	a = newAmiliDesktop(t, first, secrets)
	set, err := first.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company = core.Company{Name: "Snickeri Ek AB", OrgNumber: "556677-8899", Bankgiro: "5050-1055",
		Address: core.Address{Line1: "Verkstadsgatan 4", ZipCode: "411 01", City: "Göteborg", Country: "SE"}}
	if err := first.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	if err := a.svc.ActivateAmili(ctx, core.Activation{CreditorID: am.CreditorID, AccountID: am.AccountID,
		APICode: am.APICode, KeyFile: am.KeyFile, BaseURL: am.BaseURL}); err != nil {
		t.Fatal(err)
	}
	return a, newAmiliDesktop(t, second(), secrets), sb, secrets
}

// newAmiliDesktop is a Service on s whose Amili channel finds the key in secrets.
func newAmiliDesktop(t *testing.T, s core.Store, secrets *secret.Memory) amiliDesktop {
	client := amili.NewClient()
	client.HTTP.Timeout = 5 * time.Second
	client.Secrets = secrets
	return amiliDesktop{store: s, svc: core.NewService(s, core.Options{Secrets: secrets, LettersDir: t.TempDir(),
		SharedBook: onServer(s), Channels: core.Channels{Amili: client}})}
}

// onServer says whether s is a book on a server.
func onServer(s core.Store) bool {
	_, ok := s.(*PGStore)
	return ok
}

// handedOver is an invoice of a company customer, due long ago, handed over to Amili
// by d (queued; nothing is sent until a desktop works the queue).
func handedOver(t *testing.T, d amiliDesktop, number string) core.Invoice {
	t.Helper()
	c, err := d.svc.SaveCustomer(ctx, core.Customer{Number: "K" + number, Name: "Kund " + number, IDNumber: "556677-8899",
		IsCompany: true, Address: core.Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm"}})
	if err != nil {
		t.Fatal(err)
	}
	due := core.DateOf(time.Now()).AddDays(-40)
	inv, err := d.svc.CreateInvoice(ctx, core.Invoice{Number: number, CustomerID: c.ID, InvoiceDate: due.AddDays(-30),
		DueDate: due, Total: decimal.NewFromInt(1000)})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := d.svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{inv.ID},
		IdempotencyKey: core.NewIdempotencyKey()}); err != nil {
		t.Fatal(err)
	}
	return inv
}

// Issue 24: on a server book any desktop may run the queue, so the original invoice
// attached on one desktop reaches Amili from another, the same bytes, whether it was
// attached before the hand-over or after the case was opened; and the desktop that
// sent it keeps no copy once the outcome is recorded.
func TestAnOriginalAttachedOnOneDesktopIsUploadedFromAnotherWithTheSameBytes(t *testing.T) {
	for _, when := range []string{"before the hand-over", "after the case is opened"} {
		t.Run(when, func(t *testing.T) {
			forEachEngine(t, func(t *testing.T, s core.Store) {
				second := func() core.Store { return s }
				if pg, ok := s.(*PGStore); ok {
					second = func() core.Store { return openPGAgain(t, pg) }
				}
				a, b, sb, _ := officeDesktops(t, s, second)
				inv := handedOver(t, a, "1001")
				original := originalOf("1001")
				attach := func() {
					path := filepath.Join(t.TempDir(), "original.pdf")
					if err := os.WriteFile(path, original, 0o600); err != nil {
						t.Fatal(err)
					}
					if _, err := a.svc.AttachInvoicePDF(ctx, inv.ID, path); err != nil {
						t.Fatal(err)
					}
					if err := os.Remove(path); err != nil { // the chosen file is not what is sent
						t.Fatal(err)
					}
				}
				if when == "before the hand-over" {
					attach()
				}
				deliverAll(t, b)
				if when != "before the hand-over" {
					attach()
					deliverAll(t, b)
				}
				sum := sha256.Sum256(original)
				got, err := b.store.Invoice(ctx, inv.ID)
				if err != nil || got.AmiliCaseRef == "" {
					t.Fatalf("invoice 1001 has no case (%v)", err)
				}
				ups := sb.Uploads()
				if len(ups) != 1 || ups[0].Case != got.AmiliCaseRef || ups[0].SHA256 != hex.EncodeToString(sum[:]) ||
					ups[0].Size != len(original) || filepath.Ext(ups[0].Name) != ".pdf" {
					t.Fatalf("Amili received %+v, want the %d bytes attached, once, in case %s", ups, len(original), got.AmiliCaseRef)
				}
				if pg, ok := b.store.(*PGStore); ok {
					pg.uploads.mu.Lock()
					if len(pg.uploads.dirs) != 0 {
						t.Errorf("the desktop that sent it still keeps %v", pg.uploads.dirs)
					}
					pg.uploads.mu.Unlock()
				}
			})
		})
	}
}

// deliverAll works the queue on d until nothing is left to send.
func deliverAll(t *testing.T, d amiliDesktop) {
	t.Helper()
	for range 3 {
		if _, err := d.svc.DeliverPending(ctx); err != nil {
			t.Fatal(err)
		}
	}
}

// openPGAgain opens the server book s has open, as a second amiliDesktop does.
func openPGAgain(t *testing.T, s *PGStore) *PGStore {
	t.Helper()
	again, err := openPostgres(ctx, s.cfg.Copy(), time.Now())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { again.Close() })
	return again
}

// A PDF larger than an invoice's is refused on both engines, saying the limit, and
// nothing is kept; one of exactly the limit is kept whole.
func TestAnOriginalOverTwentyMegabytesIsRefusedOnBothEngines(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv := mustInvoice(t, s, c, invoiceSpec{number: "1001", dueIn: -30, total: "1000"})
		pdf := func(size int) string {
			b := bytes.Repeat([]byte{'x'}, size)
			copy(b, "%PDF-1.4\n")
			path := filepath.Join(t.TempDir(), "big.pdf")
			if err := os.WriteFile(path, b, 0o600); err != nil {
				t.Fatal(err)
			}
			return path
		}
		_, err := s.AttachInvoicePDF(ctx, inv.ID, pdf(maxPDF+1), time.Now())
		wantCode(t, err, core.EINVALID)
		if ce := core.AsError(err); ce.Message != "{{.Path}} is not a PDF file of at most 20 MB" {
			t.Errorf("refused with %q", ce.Message)
		}
		if got, _ := s.Invoice(ctx, inv.ID); got.PDF != "" {
			t.Errorf("the invoice records %q as its original", got.PDF)
		}
		got, err := s.AttachInvoicePDF(ctx, inv.ID, pdf(maxPDF), time.Now())
		if err != nil || got.PDF == "" {
			t.Fatalf("a PDF of exactly 20 MB: %q (%v)", got.PDF, err)
		}
		var size int
		if err := dbOf(t, s).QueryRow(`SELECT coalesce(sum(length(content)), 0) FROM invoice_pdfs`).Scan(&size); err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: maxPDF, false: 0}[onServer(s)]; size != want {
			t.Errorf("the book holds %d bytes of originals, want %d", size, want)
		}
	})
}

// originalOf is a small PDF of invoice number's, with bytes of every value as a PDF's
// compressed streams have.
func originalOf(number string) []byte {
	pdf := []byte("%PDF-1.4\n% the original of invoice " + number + "\n")
	for i := range 256 {
		pdf = append(pdf, byte(i))
	}
	return pdf
}

// An original attached on a server book whose upload is still queued is uploaded,
// the same bytes, from the book moved back into a file: the file keeps it in itself.
func TestAnOriginalKeptOnAServerIsUploadedFromTheBookMovedBackToAFile(t *testing.T) {
	address := newPGBook(t)
	server, err := OpenPostgres(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	a, _, sb, secrets := officeDesktops(t, server, func() core.Store { return server })
	inv := handedOver(t, a, "1001")
	deliverAll(t, a)
	original := originalOf("1001")
	path := filepath.Join(t.TempDir(), "original.pdf")
	if err := os.WriteFile(path, original, 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := a.svc.AttachInvoicePDF(ctx, inv.ID, path); err != nil {
		t.Fatal(err)
	}
	if err := server.Close(); err != nil {
		t.Fatal(err)
	}
	back := filepath.Join(t.TempDir(), "back.db")
	if _, err := MoveBook(ctx, address, back, nil); err != nil {
		t.Fatalf("MoveBook back to a file: %v", err)
	}
	file, err := Open(back)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { file.Close() })
	deliverAll(t, newAmiliDesktop(t, file, secrets))
	sum := sha256.Sum256(original)
	if ups := sb.Uploads(); len(ups) != 1 || ups[0].SHA256 != hex.EncodeToString(sum[:]) {
		t.Fatalf("Amili received %+v, want the %d bytes attached on the server, once", ups, len(original))
	}
}
