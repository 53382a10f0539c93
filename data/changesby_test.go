package data

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"paminn/core"
)

// officeChanges writes every kind of change an invoice's history shows other than
// its edits, split between two desktops: anna sends a reminder (its row and the
// charge it commits) on invoice A, reverses bertil's payment there and credits
// invoice B, whose case at Amili hears of both; bertil waives part of A's fee and
// pays A and B. It returns the two invoices' details as bertil reads them.
func officeChanges(t *testing.T, anna, bertil core.Store) (a, b core.InvoiceDetails) {
	t.Helper()
	c := mustCustomer(t, anna, "K1", "Anna AB")
	invA := mustInvoice(t, anna, c, invoiceSpec{number: "A", dueIn: -20, total: "1000"})
	invB := mustInvoice(t, anna, c, invoiceSpec{number: "B", dueIn: -30, total: "1000", amili: core.AmiliRegistered, caseRef: "c1"})
	if _, err := anna.CreateBatch(ctx, newBatch("who-1", core.ReminderManual), []core.Reminder{plannedReminder(invA, core.ChannelLetter)}); err != nil {
		t.Fatalf("anna sends: %v", err)
	}
	if err := bertil.WaiveCharges(ctx, []core.ClaimEntry{{InvoiceID: invA.ID, Kind: core.EntryWaiver, Date: today,
		Reason: "goodwill", Parts: core.Parts{Fee: kr("-20")}}}, at("11:00")); err != nil {
		t.Fatalf("bertil waives: %v", err)
	}
	for _, inv := range []core.Invoice{invA, invB} {
		if _, err := bertil.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today, Amount: kr("100")}), at("11:10")); err != nil {
			t.Fatalf("bertil pays %s: %v", inv.Number, err)
		}
	}
	ps, err := anna.InvoicePayments(ctx, invA.ID)
	if err != nil || len(ps) != 1 {
		t.Fatalf("payments of A: %+v, %v", ps, err)
	}
	if _, err := anna.ReversePayment(ctx, core.PaymentReversalRequest{PaymentID: ps[0].ID, Date: today, Reason: "fel faktura",
		History: core.Message{Template: "undone"}}, at("11:20")); err != nil {
		t.Fatalf("anna reverses: %v", err)
	}
	if _, err := anna.CreditInvoice(ctx, core.Credit{InvoiceID: invB.ID, Date: today, Amount: kr("50"), Number: "K-1"}, at("11:30")); err != nil {
		t.Fatalf("anna credits: %v", err)
	}
	if a, err = bertil.InvoiceDetails(ctx, invA.ID); err != nil {
		t.Fatal(err)
	}
	if b, err = bertil.InvoiceDetails(ctx, invB.ID); err != nil {
		t.Fatal(err)
	}
	return a, b
}

// whoWrote lists each of the details' reminders, claim lines (but the amount
// invoiced, which the invoice's import made) and reports to Amili as "what: who",
// in the details' order.
func whoWrote(d core.InvoiceDetails) []string {
	var out []string
	for _, r := range d.Reminders {
		out = append(out, fmt.Sprintf("reminder %d: %s", r.Level, r.By))
	}
	for _, l := range d.ClaimLines()[1:] {
		out = append(out, fmt.Sprintf("%s: %s", l.Kind, l.By))
	}
	for _, r := range d.AmiliReports {
		out = append(out, fmt.Sprintf("report %s: %s", r.Kind, r.By))
	}
	return out
}

// officeWho is whoWrote of officeChanges' invoices, anna and bertil named as given.
func officeWho(anna, bertil string) (a, b []string) {
	return []string{"reminder 1: " + anna, "charge: " + anna, "payment: " + bertil, "reversal: " + anna, "waiver: " + bertil},
		[]string{"payment: " + bertil, "credit_note: " + anna, "report payment: " + bertil, "report crediting: " + anna}
}

// Issue 24: every change an invoice's history shows records who made it. On one
// store (one desktop) every line names its user on a server, and no one on a file.
func TestEveryChangeAnInvoicesHistoryShowsSaysWhoMadeIt(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		user := ""
		if pg, ok := s.(*PGStore); ok {
			user = pg.cfg.User
		}
		a, b := officeChanges(t, s, s)
		wantA, wantB := officeWho(user, user)
		if got := whoWrote(a); !slices.Equal(got, wantA) {
			t.Errorf("invoice A:\n got %q\nwant %q", got, wantA)
		}
		if got := whoWrote(b); !slices.Equal(got, wantB) {
			t.Errorf("invoice B:\n got %q\nwant %q", got, wantB)
		}
	})
}

// Issue 24: two desktops of an office, each its own PostgreSQL user, are each named
// in the reminders, payments, reversals, waivers, credit notes and reports to Amili
// they wrote, whichever desktop reads them.
func TestEachDesktopIsNamedInEveryChangeItMadeToAnInvoice(t *testing.T) {
	_, addr := newOffice(t, "anna", "bertil")
	stores := openOffice(t, addr)
	a, b := officeChanges(t, stores["anna"], stores["bertil"])
	wantA, wantB := officeWho("anna", "bertil")
	for _, c := range []struct {
		invoice   string
		got, want []string
	}{{"A", whoWrote(a), wantA}, {"B", whoWrote(b), wantB}} {
		if len(c.got) != len(c.want) {
			t.Fatalf("invoice %s:\n got %q\nwant %q", c.invoice, c.got, c.want)
		}
		for i := range c.got { // each user is the desktop's name and the office's number
			if !strings.HasPrefix(c.got[i], c.want[i]+"_") {
				t.Errorf("invoice %s: %q, want %q's user", c.invoice, c.got[i], c.want[i])
			}
		}
	}
}

// Issue 24 (move a book, losing nothing): who made each change on a server is kept
// when the book moves to a file.
func TestWhoMadeEachChangeIsKeptWhenAServerBookMovesToAFile(t *testing.T) {
	_, addr := newOffice(t, "anna", "bertil")
	anna, err := OpenPostgres(ctx, addr["anna"])
	if err != nil {
		t.Fatal(err)
	}
	bertil, err := OpenPostgres(ctx, addr["bertil"])
	if err != nil {
		t.Fatal(err)
	}
	a, b := officeChanges(t, anna, bertil)
	anna.Close()
	bertil.Close()
	file := filepath.Join(t.TempDir(), "book.db")
	if _, err := MoveBook(ctx, addr["anna"], file, nil); err != nil {
		t.Fatalf("MoveBook to a file: %v", err)
	}
	s, err := Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, d := range []core.InvoiceDetails{a, b} {
		moved, err := s.InvoiceDetails(ctx, d.Invoice.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got, want := whoWrote(moved), whoWrote(d); !slices.Equal(got, want) {
			t.Errorf("invoice %s in the file:\n got %q\nwant %q", d.Invoice.Number, got, want)
		}
	}
}
