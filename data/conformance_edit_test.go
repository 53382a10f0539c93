package data

import (
	"testing"

	"paminn/core"
)

// An invoice's corrections and its case with Amili on both engines (engines_test.go):
// what fixes an invoice, an untouched one changed and deleted, and Amili's word on a
// case.

func TestEnginesAnInvoicesActivityCountsWhatFixesIt(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		fresh := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -10, total: "1000"})
		busy := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -10, total: "1000", reminders: 1})
		handed := mustInvoice(t, s, c, invoiceSpec{number: "3", dueIn: -10, total: "1000", amili: core.AmiliPending})
		addReminderRow(t, s, busy.ID, "reminder", 6000, 0, 0)
		if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: busy.ID, Date: today, Amount: kr("100")}), at("10:00")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CreditInvoice(ctx, core.Credit{InvoiceID: busy.ID, Date: today, Amount: kr("50"), Number: "K-1"}, at("10:00")); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			name string
			id   int64
			want core.InvoiceActivity
		}{
			{"an invoice nothing happened to", fresh.ID, core.InvoiceActivity{}},
			// Reminded before it came into the book, and once since; a payment; a
			// credit note, counted once though it writes a claim entry and a credits row.
			{"an invoice reminded, paid and credited", busy.ID, core.InvoiceActivity{Reminders: 2, Payments: 1, CreditNotes: 2}},
			{"an invoice being handed over to Amili", handed.ID, core.InvoiceActivity{AmiliHandled: true}},
		} {
			if got, err := s.InvoiceActivity(ctx, tt.id); err != nil || got != tt.want {
				t.Errorf("%s: %+v (%v), want %+v", tt.name, got, err, tt.want)
			}
		}
		_, err := s.InvoiceActivity(ctx, 999)
		wantCode(t, err, core.ENOTFOUND)
	})
}

func TestEnginesAnUntouchedInvoiceIsChangedAndDeletedWithItsHistory(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		anna, bertil := mustCustomer(t, s, "K1", "Anna AB"), mustCustomer(t, s, "K2", "Bertil AB")
		inv := mustInvoice(t, s, anna, invoiceSpec{number: "1", dueIn: -10, total: "1000"})
		mustInvoice(t, s, anna, invoiceSpec{number: "2", dueIn: -10, total: "1000"})
		inv.Number, inv.CustomerID, inv.DueDate, inv.Total, inv.OCR = "1b", bertil.ID, today.AddDays(20), kr("1200.50"), "9876"
		got, err := s.UpdateInvoice(ctx, inv, []core.Message{{Template: "changed"}, {Template: "moved"}}, at("10:00"))
		if err != nil || got.Number != "1b" || got.CustomerName != "Bertil AB" || got.DueDate != today.AddDays(20) ||
			!got.Total.Equal(kr("1200.50")) || got.OCR != "9876" {
			t.Fatalf("UpdateInvoice = %+v, %v", got, err)
		}
		wantHistory(t, s, inv.ID, "changed", "moved")
		taken := got
		taken.Number = "2"
		_, err = s.UpdateInvoice(ctx, taken, nil, at("10:01"))
		wantCode(t, err, core.ECONFLICT)
		other := got
		other.CustomerID = 999
		_, err = s.UpdateInvoice(ctx, other, nil, at("10:01"))
		wantCode(t, err, core.ENOTFOUND)
		// A credit naming it and a pause of it: the credit stays, the pause goes.
		if err := s.RegisterBankPayments(ctx, []core.BankRegistration{{Payment: core.Payment{Date: today, Source: "bg.txt",
			ExternalKey: "bg-1"}, CustomerID: bertil.ID, Credit: kr("30"), CreditInvoiceID: inv.ID}}, at("10:02")); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartPause(ctx, core.Pause{InvoiceID: inv.ID, Reason: core.PauseDispute, Started: at("10:02")}); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteInvoice(ctx, inv.ID, core.Message{Template: "deleted"}, at("10:03")); err != nil {
			t.Fatal(err)
		}
		_, err = s.Invoice(ctx, inv.ID)
		wantCode(t, err, core.ENOTFOUND)
		wantHistory(t, s, inv.ID)
		wantHistory(t, s, core.DeletedInvoiceHistory(inv.ID), "changed", "moved",
			core.PauseHistory(core.Pause{Reason: core.PauseDispute}).Template, "deleted")
		if credit, err := s.CustomerCredit(ctx, bertil.ID); err != nil || !credit.Equal(kr("30")) {
			t.Errorf("Bertil's credit %s (%v), want the 30 kr kept", credit, err)
		}
		var pauses int
		if err := dbOf(t, s).QueryRow(`SELECT count(*) FROM pauses`).Scan(&pauses); err != nil || pauses != 0 {
			t.Errorf("%d pauses left (%v), want the deleted invoice's gone", pauses, err)
		}
		wantCode(t, s.DeleteInvoice(ctx, inv.ID, core.Message{Template: "deleted"}, at("10:04")), core.ENOTFOUND)
	})
}

func TestEnginesAmiliCasesAreTheOpenCasesOfOneEnvironment(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		withCase := func(number string, env core.AmiliEnvironment) core.Invoice {
			t.Helper()
			inv, err := s.CreateInvoice(ctx, core.Invoice{Number: number, CustomerID: c.ID, InvoiceDate: today.AddDays(-60),
				DueDate: today.AddDays(-30), Total: kr("1000"), Currency: core.Currency, AmiliState: core.AmiliRegistered,
				AmiliCaseRef: "case-" + number, AmiliEnv: env})
			if err != nil {
				t.Fatal(err)
			}
			return inv
		}
		a, b := withCase("1", core.AmiliSandbox), withCase("2", core.AmiliSandbox)
		prod := withCase("3", core.AmiliProduction)
		mustInvoice(t, s, c, invoiceSpec{number: "4", dueIn: -30, total: "1000"})
		if err := s.SetAmiliCase(ctx, a.ID, core.AmiliCase{State: core.AmiliState("unknown"), Raw: "Bevakning / Vilande", OCR: "55501"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetAmiliCase(ctx, b.ID, core.AmiliCase{State: core.AmiliClosed}); err != nil {
			t.Fatal(err)
		}
		invs, err := s.AmiliCases(ctx, core.AmiliSandbox)
		if err != nil || len(invs) != 1 || invs[0].ID != a.ID {
			t.Fatalf("sandbox cases %+v (%v), want only the open one", invs, err)
		}
		if got := invs[0]; got.AmiliRaw != "Bevakning / Vilande" || got.AmiliOCR != "55501" || got.AmiliState != "unknown" {
			t.Errorf("case %+v, want Amili's state, text and OCR kept", got)
		}
		// A report without an OCR keeps the one Amili issued before.
		if err := s.SetAmiliCase(ctx, a.ID, core.AmiliCase{State: core.AmiliRegistered}); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Invoice(ctx, a.ID); err != nil || got.AmiliOCR != "55501" || got.AmiliRaw != "" {
			t.Errorf("after a report without OCR: %+v (%v)", got, err)
		}
		if invs, err := s.AmiliCases(ctx, core.AmiliProduction); err != nil || len(invs) != 1 || invs[0].ID != prod.ID {
			t.Errorf("production cases %+v (%v), want the one there", invs, err)
		}
		wantCode(t, s.SetAmiliCase(ctx, 999, core.AmiliCase{State: core.AmiliPaid}), core.ENOTFOUND)
	})
}
