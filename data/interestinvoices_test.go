package data

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// pay registers a payment of amount kronor on inv, on the day days from today.
func pay(tb testing.TB, s core.Store, inv core.Invoice, days int, amount string) {
	tb.Helper()
	p := onPrincipal(core.Payment{InvoiceID: inv.ID, Date: today.AddDays(days), Amount: kr(amount)})
	if _, err := s.RegisterPayment(ctx, p, time.Date(2025, 3, 15, 10, 0, 0, 0, time.UTC)); err != nil {
		tb.Fatalf("RegisterPayment on %s: %v", inv.Number, err)
	}
}

func latePaidNumbers(tb testing.TB, s core.Store, ids []int64) map[string]core.LatePaid {
	tb.Helper()
	late, err := s.LatePaidInvoices(ctx, ids)
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]core.LatePaid{}
	for _, lp := range late {
		out[lp.Invoice.Number] = lp
	}
	return out
}

func TestLatePaidInvoicesAreThePaidInFullWithAPaymentAfterTheDueDate(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		late := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -40, total: "1000"})
		pay(t, s, late, -45, "400") // before the due date
		pay(t, s, late, -10, "600") // after it
		onTime := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -40, total: "1000"})
		pay(t, s, onTime, -40, "1000")
		partly := mustInvoice(t, s, c, invoiceSpec{number: "3", dueIn: -40, total: "1000"})
		pay(t, s, partly, -10, "999.99")
		opening := mustInvoice(t, s, c, invoiceSpec{number: "4", dueIn: -40, total: "1000", paid: "1000"})
		reminded := mustInvoice(t, s, c, invoiceSpec{number: "5", dueIn: -40, total: "1000"})
		addReminderRow(t, s, reminded.ID, "reminder", 6000, 345, 0) // a manual reminder stating interest, on 2025-03-10
		pay(t, s, reminded, 5, "1000")

		got := latePaidNumbers(t, s, nil)
		if len(got) != 2 {
			t.Fatalf("paid late: %v, want invoices 1 and 5", got)
		}
		if lp, ok := got["1"]; !ok || !lp.InterestStated.IsZero() {
			t.Errorf("invoice 1, paid in full after its due date and never reminded: %+v", lp)
		}
		if lp, stated := got["5"], core.MustDate("2025-03-10"); lp.InterestStated != stated {
			t.Errorf("invoice 5 was reminded with interest on %s, read %s", stated, lp.InterestStated)
		}
		for _, n := range []string{"2", "3", "4"} {
			if _, ok := got[n]; ok {
				t.Errorf("invoice %s is not paid in full after its due date, yet read as paid late", n)
			}
		}
		if got := latePaidNumbers(t, s, []int64{reminded.ID, onTime.ID, opening.ID, partly.ID}); len(got) != 1 || got["5"].Invoice.ID != reminded.ID {
			t.Errorf("asked for four, read %v", got)
		}
	})
}

func TestCreateInterestInvoicesNeverMakesTwoForOneInvoice(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		orig := mustInvoice(t, s, c, invoiceSpec{number: "100", dueIn: -40, total: "1000"})
		pay(t, s, orig, -10, "1000")
		rf := core.Invoice{Number: "101", CustomerID: c.ID, InvoiceDate: today, DueDate: today.AddDays(10),
			Total: kr("8.22"), Currency: "SEK", OCR: "1016", InterestFor: orig.ID}

		created, existing, err := s.CreateInterestInvoices(ctx, writes(rf), at("12:00"))
		if err != nil || len(created) != 1 || len(existing) != 0 {
			t.Fatalf("first: created %v, existing %v, %v", created, existing, err)
		}
		made := created[0]
		if made.ID == 0 || made.InterestFor != orig.ID || !made.Total.Equal(kr("8.22")) || made.Number != "101" || made.CustomerName != "Anna AB" {
			t.Errorf("made %+v", made)
		}
		if back, _ := s.Invoice(ctx, made.ID); back.InterestFor != orig.ID {
			t.Errorf("read back, the räntefaktura names %d, want %d", back.InterestFor, orig.ID)
		}
		if got := latePaidNumbers(t, s, nil); len(got) != 0 {
			t.Errorf("an invoice with a räntefaktura is still read as paid late: %v", got)
		}
		wantHistory(t, s, orig.ID, "made 101")

		rf.Number = "102"
		created, existing, err = s.CreateInterestInvoices(ctx, writes(rf), at("12:00"))
		if err != nil || len(created) != 0 || len(existing) != 1 || existing[0].ID != made.ID {
			t.Fatalf("again: created %v, existing %v, %v", created, existing, err)
		}
		if _, err := s.Invoice(ctx, made.ID+1); core.ErrorCodeOf(err) != core.ENOTFOUND {
			t.Errorf("a second räntefaktura was written: %v", err)
		}
		byOrig, err := s.InterestInvoicesFor(ctx, []int64{orig.ID, made.ID})
		if err != nil || len(byOrig) != 1 || byOrig[orig.ID].ID != made.ID {
			t.Errorf("InterestInvoicesFor = %v, %v", byOrig, err)
		}
		wantHistory(t, s, orig.ID, "made 101") // the one found is not made again
	})
}

func TestCreateInterestInvoicesWritesAllOrNothing(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "200", dueIn: -40, total: "1000"})
		b := mustInvoice(t, s, c, invoiceSpec{number: "201", dueIn: -40, total: "1000"})
		ok := core.Invoice{Number: "202", CustomerID: c.ID, InvoiceDate: today, DueDate: today.AddDays(10),
			Total: kr("5"), Currency: "SEK", InterestFor: a.ID}
		taken := ok
		taken.Number, taken.InterestFor = "200", b.ID // a number already in the book

		_, _, err := s.CreateInterestInvoices(ctx, writes(ok, taken), at("12:00"))
		wantCode(t, err, core.ECONFLICT)
		if byOrig, _ := s.InterestInvoicesFor(ctx, []int64{a.ID, b.ID}); len(byOrig) != 0 {
			t.Errorf("a failed batch left räntefakturor: %v", byOrig)
		}
		wantHistory(t, s, a.ID)
	})
}

// The queries of räntefakturor never read the whole invoices or reminders table
// for each invoice: "is there a räntefaktura for it" goes through the partial index
// invoices_interest_for, which SQLite uses only where the query says interest_for != 0.
func TestRäntefakturorQueriesReadNoWholeTablePerInvoice(t *testing.T) {
	s := listBook(t)
	for _, q := range []plannedQuery{
		{name: "invoices paid late", query: latePaidSQL + ` ORDER BY i.id`, sorted: true},
		{name: "räntefakturor of invoices", query: interestInvoicesOfSQL, args: []any{"[1,2]"}},
		{name: "the räntefaktura of an invoice", query: interestInvoiceOfSQL, args: []any{1}},
	} {
		plan := queryPlan(t, s, q)
		for _, step := range plan {
			if regexp.MustCompile(`^SCAN (invoices|reminders|i|r|f|l)$`).MatchString(step) && !(q.name == "invoices paid late" && step == "SCAN l") {
				t.Errorf("%s: %s reads the whole table:\n%s", q.name, step, strings.Join(plan, "\n"))
			}
		}
	}
}

// writes are the räntefakturor invs to write, each with the history line "made"
// and its number.
func writes(invs ...core.Invoice) []core.NewInterestInvoice {
	out := make([]core.NewInterestInvoice, len(invs))
	for i, inv := range invs {
		out[i] = core.NewInterestInvoice{Invoice: inv, History: core.Message{Template: "made " + inv.Number}}
	}
	return out
}

// wantHistory fails unless the history of invoice id is the lines want, as written.
func wantHistory(t *testing.T, s core.Store, id int64, want ...string) {
	t.Helper()
	hs, err := s.InvoiceHistory(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hs {
		got = append(got, h.Message.Template)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("history of invoice %d: %q, want %q", id, got, want)
	}
}
