package core_test

import (
	"strings"
	"testing"

	"paminn/core"
)

func TestAnUntouchedInvoiceIsChangedWithEveryFieldInItsHistory(t *testing.T) {
	b := newPayBook(t)
	inv := b.invoiceNow("1002")
	k2 := b.invoiceNow("1005")
	edit := inv
	edit.Number, edit.CustomerID, edit.DueDate, edit.Total, edit.OCR = "2002", k2.CustomerID, core.MustDate("2026-12-15"), kr("1234.50"), ""
	got, err := b.svc.UpdateInvoice(b.ctx, edit)
	if err != nil {
		t.Fatal(err)
	}
	if got.Number != "2002" || got.CustomerName != "Kund K2" || got.DueDate != core.MustDate("2026-12-15") ||
		!got.Total.Equal(kr("1234.50")) || got.OCR == "" || got.OCR == inv.OCR {
		t.Errorf("changed invoice %+v: the new number, customer, due date, amount and an OCR made from the number", got)
	}
	want := []string{
		"Invoice number changed from 1002 to 2002",
		"Customer changed from Kund K1 to Kund K2",
		"Due date changed from 2026-10-31 to 2026-12-15",
		"Amount changed from 1 000,00 kr to 1 234,50 kr",
		"OCR reference changed from " + inv.OCR + " to " + got.OCR,
	}
	if h := b.historyOf(inv.ID); strings.Join(h, "\n") != strings.Join(want, "\n") {
		t.Errorf("history\n%s\nwant\n%s", strings.Join(h, "\n"), strings.Join(want, "\n"))
	}
	// Saved again unchanged: nothing is written.
	if _, err := b.svc.UpdateInvoice(b.ctx, got); err != nil {
		t.Fatal(err)
	}
	if h := b.historyOf(inv.ID); len(h) != len(want) {
		t.Errorf("an unchanged save wrote history: %q", h)
	}
}

func TestAnUntouchedInvoiceIsDeletedAndItsHistorySaysSo(t *testing.T) {
	b := newPayBook(t)
	inv := b.invoiceNow("1002")
	if err := b.svc.DeleteInvoice(b.ctx, inv.ID); err != nil {
		t.Fatal(err)
	}
	_, err := b.svc.Invoice(b.ctx, inv.ID)
	wantCode(t, err, core.ENOTFOUND)
	if h := b.historyOf(core.DeletedInvoiceHistory(inv.ID)); len(h) != 1 || h[0] != "Invoice 1002 of Kund K1, 1 000,00 kr, deleted" {
		t.Errorf("history %q", h)
	}
	// Its number is free again, and the last invoice deleted, the next one may get its
	// row id: it starts with a history of its own.
	last := b.invoice("1007", core.Customer{ID: inv.CustomerID}, "2026-12-31", 500)
	edit := last
	edit.Total = kr("600")
	if _, err := b.svc.UpdateInvoice(b.ctx, edit); err != nil {
		t.Fatal(err)
	}
	if err := b.svc.DeleteInvoice(b.ctx, last.ID); err != nil {
		t.Fatal(err)
	}
	again := b.invoice("1002", core.Customer{ID: inv.CustomerID}, "2026-12-31", 500)
	if h := b.historyOf(again.ID); len(h) != 0 {
		t.Errorf("invoice %d (the id of the one deleted was %d) starts with history %q", again.ID, last.ID, h)
	}
	want := []string{"Amount changed from 500,00 kr to 600,00 kr", "Invoice 1007 of Kund K1, 600,00 kr, deleted"}
	if h := b.historyOf(core.DeletedInvoiceHistory(last.ID)); strings.Join(h, "|") != strings.Join(want, "|") {
		t.Errorf("the deleted invoice's history %q, want %q", h, want)
	}
}

// Once an invoice was reminded, paid, credited or handed over, the customer and the
// books know it as it is: it is credited, never changed or deleted.
func TestAnInvoiceSomethingHappenedToIsNeitherChangedNorDeletedAndNothingChanges(t *testing.T) {
	cases := []struct {
		name    string
		number  string
		happens func(b *payBook)
		says    string
	}{
		{"paid in part", "1001", func(b *payBook) { b.pay("1001", "1") }, "Invoice 1001 has payments registered"},
		{"paid and the payment undone", "1001", func(b *payBook) {
			if _, err := b.svc.ReversePayment(b.ctx, b.pay("1001", "1").ID, "fel"); err != nil {
				b.t.Fatal(err)
			}
		}, "Invoice 1001 has payments registered"},
		{"paid in full", "1004", func(*payBook) {}, "Invoice 1004 has payments registered"},
		{"with Amili", "1006", func(*payBook) {}, "Invoice 1006 has been handed over to Amili"},
		{"credited", "1001", func(b *payBook) {
			if _, err := b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: b.inv["1001"].ID, Amount: kr("10"), Reason: "Rabatt"}); err != nil {
				b.t.Fatal(err)
			}
		}, "Invoice 1001 has been credited"},
		{"reminded", "1001", func(b *payBook) {
			if _, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
				InvoiceIDs: []int64{b.inv["1001"].ID}, IdempotencyKey: core.NewIdempotencyKey()}); err != nil {
				b.t.Fatal(err)
			}
		}, "Invoice 1001 has been reminded"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newPayBook(t)
			c.happens(b)
			before := ledgerOf(b.invoiceNow(c.number))
			history := len(b.historyOf(b.inv[c.number].ID))
			edit := b.invoiceNow(c.number)
			edit.DueDate, edit.Total = edit.DueDate.AddDays(30), kr("99")
			_, err := b.svc.UpdateInvoice(b.ctx, edit)
			wantCode(t, err, core.ECONFLICT)
			if !strings.Contains(core.AsError(err).Text(), c.says) || !strings.Contains(core.AsError(err).Text(), "only credited") {
				t.Errorf("the change is refused with %q, want %q … only credited", core.AsError(err).Text(), c.says)
			}
			err = b.svc.DeleteInvoice(b.ctx, b.inv[c.number].ID)
			wantCode(t, err, core.ECONFLICT)
			if !strings.Contains(core.AsError(err).Text(), c.says) {
				t.Errorf("the deletion is refused with %q, want %q", core.AsError(err).Text(), c.says)
			}
			if got := ledgerOf(b.invoiceNow(c.number)); got != before {
				t.Errorf("the invoice is %s, was %s", got, before)
			}
			if got := len(b.historyOf(b.inv[c.number].ID)); got != history {
				t.Errorf("history grew from %d to %d lines", history, got)
			}
		})
	}
}

func TestAChangeThatIsNotAValidInvoiceIsRefusedAndNothingChanges(t *testing.T) {
	cases := []struct {
		name string
		edit func(inv *core.Invoice)
		code core.ErrorCode
		says string
	}{
		{"a number taken", func(inv *core.Invoice) { inv.Number = "1003" }, core.ECONFLICT, "Invoice number 1003 already exists"},
		{"no amount", func(inv *core.Invoice) { inv.Total = kr("0") }, core.EINVALID, "must be more than 0 kr"},
		{"due before the invoice date", func(inv *core.Invoice) { inv.DueDate = inv.InvoiceDate.AddDays(-1) }, core.EINVALID,
			"The due date of invoice 1002 is before its invoice date"},
		{"an unknown customer", func(inv *core.Invoice) { inv.CustomerID = 999 }, core.ENOTFOUND, "Customer 999 does not exist"},
		{"an unknown invoice", func(inv *core.Invoice) { inv.ID = 999 }, core.ENOTFOUND, "Invoice 999 does not exist"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newPayBook(t)
			before := ledgerOf(b.invoiceNow("1002"))
			edit := b.invoiceNow("1002")
			c.edit(&edit)
			_, err := b.svc.UpdateInvoice(b.ctx, edit)
			wantCode(t, err, c.code)
			if got := plainText(core.AsError(err).Text()); !strings.Contains(got, c.says) {
				t.Errorf("message %q does not say %q", got, c.says)
			}
			if got := ledgerOf(b.invoiceNow("1002")); got != before || len(b.historyOf(b.inv["1002"].ID)) != 0 {
				t.Errorf("the invoice is %s (was %s) with history %q", got, before, b.historyOf(b.inv["1002"].ID))
			}
		})
	}
}

func TestACreditNoteLowersWhatIsOwedWithAReasonAndAFullOneClosesTheInvoice(t *testing.T) {
	b := newPayBook(t)
	inv, err := b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: b.inv["1001"].ID, Amount: kr("300"), Reason: "  Fel pris på rad 2 "})
	if err != nil {
		t.Fatal(err)
	}
	if !inv.Total.Equal(kr("1000")) || !inv.Balance().Equal(kr("700")) {
		t.Errorf("after a credit of 300: total %s, balance %s; want the amount kept and 700 owed", inv.Total, inv.Balance())
	}
	if inv, err = b.svc.CreditInvoice(b.ctx, core.Credit{InvoiceID: inv.ID, Amount: kr("700"), Reason: "Makulerad"}); err != nil {
		t.Fatal(err)
	}
	if !inv.Balance().IsZero() || inv.Status(b.svc.Today()) != core.StatusPaid {
		t.Errorf("credited in full: balance %s, status %s", inv.Balance(), inv.Status(b.svc.Today()))
	}
	want := "Credited 300,00 kr: Fel pris på rad 2\nCredited 700,00 kr: Makulerad"
	if h := strings.Join(b.historyOf(inv.ID), "\n"); h != want {
		t.Errorf("history\n%s\nwant\n%s", h, want)
	}
}

func TestACreditNoteThatDoesNotFitIsRefusedAndNothingChanges(t *testing.T) {
	cases := []struct {
		name   string
		credit core.Credit
		code   core.ErrorCode
		says   string
	}{
		{"larger than the invoice", core.Credit{Amount: kr("1000.01"), Reason: "Rabatt"}, core.EINVALID,
			"The credit of 1 000,01 kr is larger than the 1 000,00 kr of invoice 1001's amount that is unpaid"},
		{"larger than what is unpaid", core.Credit{Amount: kr("700"), Reason: "Rabatt"}, core.EINVALID,
			"The credit of 700,00 kr is larger than the 600,00 kr of invoice 1001's amount that is unpaid"},
		{"nothing", core.Credit{Amount: kr("0"), Reason: "Rabatt"}, core.EINVALID, "The amount must be more than 0 kr"},
		{"without a reason", core.Credit{Amount: kr("100")}, core.EINVALID, "Give a reason"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b := newPayBook(t)
			if c.name == "larger than what is unpaid" {
				b.pay("1001", "400")
			}
			before := ledgerOf(b.invoiceNow("1001"))
			c.credit.InvoiceID = b.inv["1001"].ID
			_, err := b.svc.CreditInvoice(b.ctx, c.credit)
			wantCode(t, err, c.code)
			if got := plainText(core.AsError(err).Text()); !strings.Contains(got, c.says) {
				t.Errorf("message %q does not say %q", got, c.says)
			}
			if got := ledgerOf(b.invoiceNow("1001")); got != before || len(b.historyOf(b.inv["1001"].ID)) != 0 {
				t.Errorf("the invoice is %s (was %s) with history %q", got, before, b.historyOf(b.inv["1001"].ID))
			}
		})
	}
}
