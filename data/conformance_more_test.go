package data

import (
	"slices"
	"testing"
	"time"

	"paminn/core"
)

// More store tests on both engines (engines_test.go): pauses, Amili's state, the
// invoices a reminder is written for, the highest numbers and an invoice's records.

func TestEnginesPausesStartEndAndReachNewInvoices(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		anna, bertil := mustCustomer(t, s, "K1", "Anna AB"), mustCustomer(t, s, "K2", "Bertil AB")
		inv := mustInvoice(t, s, anna, invoiceSpec{number: "1", dueIn: -5, total: "100"})
		other := mustInvoice(t, s, bertil, invoiceSpec{number: "2", dueIn: -5, total: "100"})
		p, err := s.StartPause(ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute, Note: "fel belopp",
			Started: at("09:00")})
		if err != nil || p.ID == 0 {
			t.Fatalf("StartPause = %+v, %v", p, err)
		}
		// A second pause ends the first; the customer's pause reaches an invoice made later.
		if _, err := s.StartPause(ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseOther, Until: today.AddDays(3),
			Started: at("10:00")}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartPause(ctx, core.Pause{CustomerID: bertil.ID, Reason: core.PausePlan, Started: at("10:00")}); err != nil {
			t.Fatal(err)
		}
		later := mustInvoice(t, s, bertil, invoiceSpec{number: "3", dueIn: 10, total: "50"})
		for _, tt := range []struct {
			id   int64
			want core.PauseReason
		}{{inv.ID, core.PauseOther}, {other.ID, core.PausePlan}, {later.ID, core.PausePlan}} {
			if got, err := s.Invoice(ctx, tt.id); err != nil || got.Pause != tt.want {
				t.Errorf("invoice %d paused %q (%v), want %q", tt.id, got.Pause, err, tt.want)
			}
		}
		ps, err := s.Pauses(ctx, inv.ID, 0)
		if err != nil || len(ps) != 2 || ps[0].Reason != core.PauseOther || ps[1].Ended.IsZero() || !ps[0].Ended.IsZero() {
			t.Fatalf("Pauses = %+v (%v), want the current one first and the first one ended", ps, err)
		}
		if n, err := s.EndPausesBefore(ctx, today.AddDays(4), at("11:00")); err != nil || n != 1 {
			t.Fatalf("EndPausesBefore = %d, %v; want the one whose end date passed", n, err)
		}
		if err := s.EndPause(ctx, 0, bertil.ID, at("12:00")); err != nil {
			t.Fatal(err)
		}
		for _, id := range []int64{inv.ID, other.ID, later.ID} {
			if got, _ := s.Invoice(ctx, id); got.Pause != core.PauseNone {
				t.Errorf("invoice %d still paused %q", id, got.Pause)
			}
		}
		wantCode(t, s.EndPause(ctx, inv.ID, 0, at("12:00")), core.ENOTFOUND)
		_, err = s.StartPause(ctx, core.Pause{InvoiceID: 999, Reason: core.PauseOther, Started: at("12:00")})
		wantCode(t, err, core.ENOTFOUND)
	})
}

func TestEnginesAmiliStateAndOpenCases(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		open := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -50, total: "100", amili: core.AmiliRegistered, caseRef: "a"})
		paid := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -50, total: "100", amili: core.AmiliRegistered, caseRef: "b"})
		mustInvoice(t, s, c, invoiceSpec{number: "3", dueIn: -50, total: "100"})
		if err := s.SetAmiliState(ctx, paid.ID, core.AmiliPaid); err != nil {
			t.Fatal(err)
		}
		invs, err := s.AmiliInvoices(ctx)
		if err != nil || len(invs) != 1 || invs[0].ID != open.ID {
			t.Fatalf("AmiliInvoices = %+v (%v), want only the open case", invs, err)
		}
		wantCode(t, s.SetAmiliState(ctx, 999, core.AmiliPaid), core.ENOTFOUND)
	})
}

func TestEnginesInvoicesForReminderKeepTheOrderAsked(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		a := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -5, total: "100"})
		b := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -5, total: "100"})
		cs, err := s.InvoicesForReminder(ctx, []int64{b.ID, a.ID})
		if err != nil || len(cs) != 2 || cs[0].Invoice.ID != b.ID || cs[1].Invoice.ID != a.ID || cs[0].Customer.Name != "Anna AB" {
			t.Fatalf("InvoicesForReminder = %+v (%v), want b then a with their customer", cs, err)
		}
		_, err = s.InvoicesForReminder(ctx, []int64{a.ID, 999})
		wantCode(t, err, core.ENOTFOUND)
	})
}

// Of equal length, the higher in byte order comes first: "A-7" above "998".
func TestEnginesHighestInvoiceNumbersAreTheLongestFirst(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		for _, n := range []string{"99", "100", "A-7", "1000", "998"} {
			mustInvoice(t, s, c, invoiceSpec{number: n, dueIn: 5, total: "1"})
		}
		got, err := s.HighestInvoiceNumbers(ctx)
		if want := []string{"1000", "A-7", "998", "100", "99"}; err != nil || !slices.Equal(got, want) {
			t.Fatalf("HighestInvoiceNumbers = %q (%v), want %q", got, err, want)
		}
	})
}

func TestEnginesAnInvoicesPaymentsChargesAndHistory(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv, err := s.CreateInvoice(ctx, core.Invoice{Number: "1", CustomerID: c.ID, InvoiceDate: today.AddDays(-30),
			DueDate: today, Total: kr("100"), Paid: kr("40"), Charges: kr("60"), ReminderCount: 1,
			LastReminded: today.AddDays(-2)})
		if err != nil {
			t.Fatal(err)
		}
		ps, err := s.InvoicePayments(ctx, inv.ID)
		if err != nil || len(ps) != 1 || !ps[0].Amount.Equal(kr("40")) || !ps[0].Parts.Principal.Equal(kr("40")) ||
			ps[0].Kind != core.PaymentMoney {
			t.Fatalf("InvoicePayments = %+v (%v), want the opening payment of 40 on the principal", ps, err)
		}
		es, err := s.ClaimEntries(ctx, inv.ID)
		if err != nil || len(es) != 1 || es[0].Kind != core.EntryCharge || !es[0].Parts.Fee.Equal(kr("60")) ||
			es[0].Date != today.AddDays(-2) {
			t.Fatalf("ClaimEntries = %+v (%v), want one charge of 60 on the last reminder's day", es, err)
		}
		stamp := time.Date(2025, 3, 15, 9, 30, 0, 0, time.UTC)
		if _, err := dbOf(t, s).Exec(`INSERT INTO invoice_history (invoice_id, at, message) VALUES (?, ?, ?)`,
			inv.ID, instantText(stamp), `{"template":"Invoice {{.Number}} changed","data":{"Number":"1"}}`); err != nil {
			t.Fatal(err)
		}
		hs, err := s.InvoiceHistory(ctx, inv.ID)
		if err != nil || len(hs) != 1 || !hs[0].At.Equal(stamp) || hs[0].InvoiceID != inv.ID {
			t.Fatalf("InvoiceHistory = %+v (%v), want the one line", hs, err)
		}
		if ids, err := s.FailedReminderIDs(ctx); err != nil || len(ids) != 0 {
			t.Fatalf("FailedReminderIDs = %v (%v), want none", ids, err)
		}
	})
}
