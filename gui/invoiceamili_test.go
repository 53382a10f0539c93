package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/amili"
	"paminn/data/testbook"
)

// issue 19, point 1: a crediting Amili refused shows on the invoice's Amili dialog
// as not taken by Amili, so the lower amount in the book is not mistaken for Amili's;
// the Reminders tab keeps it with its retry.
func TestTheInvoiceShowsACreditingAmiliHasNotTaken(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{Amili: true})
	ctx := context.Background()
	inv := handedToAmili(t, book)
	if _, err := book.Service.CreditInvoice(ctx, core.Credit{InvoiceID: inv.ID, Amount: decimal.NewFromInt(10), Reason: "Rabatt"}); err != nil {
		t.Fatal(err)
	}
	book.Sandbox.FailNext(1, amili.FailRefused)
	if rep, err := book.Service.DeliverPending(ctx); err != nil || rep.Failed != 1 {
		t.Fatalf("delivery %+v (%v), want the refusal", rep, err)
	}

	m.invoices.reload()
	waitFor(t, "the invoice in the list", func() bool { return rowOf(m.invoices, inv.Number) >= 0 })
	m.invoices.table.Select(widget.TableCellID{Row: rowOf(m.invoices, inv.Number), Col: 0})
	settle()
	test.Tap(m.invoices.amiliBtn)
	waitFor(t, "the Amili dialog", func() bool { return m.invoices.amiliDialog != nil })
	d := m.invoices.amiliDialog
	waitFor(t, "the refused crediting on the invoice", func() bool {
		return strings.Contains(d.reports.Text, "Kreditering 10,00\u00a0kr: togs inte emot av Amili")
	})
	m.reminders.reload()
	waitFor(t, "the Reminders tab to show the refused crediting", func() bool {
		return len(m.reminders.amili.reports) == 1 && m.reminders.amili.reports[0].State == core.DeliveryFailed
	})
}

// issue 19, points 3 and 4: an upload that may not have arrived says so, and an
// invoice with Amili whose OCR is not known says that rather than show none.
func TestUncertainReportsAndAnUnknownOCRAreSaidInWords(t *testing.T) {
	newTestWindow(t, testbook.Options{})
	rs := []core.AmiliReport{
		{Kind: core.AmiliReportUpload, State: core.DeliveryFailed, Uncertain: true},
		{Kind: core.AmiliReportCancellation, State: core.DeliveryPending},
		{Kind: core.AmiliReportPayment, State: core.DeliverySent, Amount: decimal.NewFromInt(5)},
	}
	want := "Originalfaktura: kanske inte kom fram till Amili; kontrollera ärendet och skicka igen under Påminnelser om den saknas\n" +
		"Återkallelse: ännu inte bekräftad av Amili"
	if got := unconfirmedReportsText(rs); got != want {
		t.Errorf("reports say\n%q\nwant\n%q", got, want)
	}
	if look := amiliReportColumns[3].show(rs[0]); look.text != "Kanske inte framme" {
		t.Errorf("the delivery column says %q", look.text)
	}
	inv := core.Invoice{Number: "1001", AmiliState: core.AmiliRegistered, AmiliCaseRef: "c1"}
	if got := invoiceDetail(inv); !strings.Contains(got, "Amili-OCR okänt") {
		t.Errorf("the status line %q does not say the OCR is not known", got)
	}
}
