package core_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/bankfile"
)

// A date that is no calendar day, or lies outside core.MinDate–core.MaxDate, is
// refused wherever it enters the book: a payment typed in, an invoice, a CSV row, a
// bank file's payment. The message says what is wrong with the date, and the book is
// left as it was.
func TestADateOutsideTheRangeOrTheCalendarIsRefusedWhereverItEnters(t *testing.T) {
	const outside = "is not a date Påminn takes: dates run from 1900-01-01 to 2199-12-31"
	year0, year9999 := core.Date{Year: 0, Month: 1, Day: 1}, core.Date{Year: 9999, Month: 12, Day: 31}
	for _, tc := range []struct {
		name  string
		enter func(b *payBook) error
		says  string
	}{
		{"a payment dated in year 0000 is refused", func(b *payBook) error {
			_, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv["1001"].ID, Amount: kr("100"), Date: year0})
			return err
		}, "0000-01-01 " + outside},
		{"a payment dated 9999-12-31 is refused", func(b *payBook) error {
			_, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: b.inv["1001"].ID, Amount: kr("100"), Date: year9999})
			return err
		}, "9999-12-31 " + outside},
		{"an invoice due 9999-12-31 is refused", func(b *payBook) error {
			_, err := b.svc.CreateInvoice(b.ctx, core.Invoice{Number: "2001", CustomerID: b.inv["1001"].CustomerID,
				InvoiceDate: core.MustDate("2026-10-01"), DueDate: year9999, Total: kr("100")})
			return err
		}, "9999-12-31 " + outside},
		{"an invoice dated in year 0000 is refused", func(b *payBook) error {
			_, err := b.svc.CreateInvoice(b.ctx, core.Invoice{Number: "2001", CustomerID: b.inv["1001"].CustomerID,
				InvoiceDate: year0, DueDate: core.MustDate("2026-10-01"), Total: kr("100")})
			return err
		}, "0000-01-01 " + outside},
		{"a CSV invoice dated 2026-02-30 says that is not a date", func(b *payBook) error {
			_, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(invoiceHeader+"2001;K1;2026-02-30;2026-03-30;100;;SEK;\n"))
			return rowsText(b.t, err)
		}, "line 2: invoice_date: 2026-02-30 is not a date: month 2 of 2026 has 28 days"},
		{"a CSV invoice due in year 9999 is refused", func(b *payBook) error {
			_, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(invoiceHeader+"2001;K1;2026-02-01;9999-12-31;100;;SEK;\n"))
			return rowsText(b.t, err)
		}, "line 2: due_date: 9999-12-31 " + outside},
		{"a BGMax payment dated in year 0000 is refused, naming its line", func(b *payBook) error {
			_, err := b.svc.PreviewPaymentFile(b.ctx, "bgmax.txt", bgmaxOn(year0, core.BankPayment{Reference: b.ocr("1001"), Amount: kr("100")}))
			return err
		}, "bgmax.txt, line 3: 0000-01-01 " + outside},
		{"a BGMax payment dated in year 9999 is refused, naming its line", func(b *payBook) error {
			_, err := b.svc.PreviewPaymentFile(b.ctx, "bgmax.txt", bgmaxOn(year9999, core.BankPayment{Reference: b.ocr("1001"), Amount: kr("100")}))
			return err
		}, "bgmax.txt, line 3: 9999-12-31 " + outside},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newPayBook(t)
			before := bookState(b)
			err := tc.enter(b)
			if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(errText(err), tc.says) {
				t.Fatalf("err = %v, want EINVALID saying %q", err, tc.says)
			}
			if after := bookState(b); after != before {
				t.Errorf("the book changed: %s, was %s", after, before)
			}
		})
	}
}

// bgmaxOn is a BGMax file of payments into the pay book's bankgiro, deposited on date.
func bgmaxOn(date core.Date, pays ...core.BankPayment) []byte {
	return bankfile.WriteBGMax(time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), "5050-1055",
		[]bankfile.Deposit{{Date: date, Serial: 1, Payments: pays}})
}

// rowsText makes an import's row errors one error whose text lists them, "line N: …".
func rowsText(t *testing.T, err error) error {
	t.Helper()
	if err == nil {
		return nil
	}
	var lines []string
	for line, text := range importRows(t, err) {
		lines = append(lines, "line "+strconv.Itoa(line)+": "+text)
	}
	return core.Errorf(core.ErrorCodeOf(err), strings.Join(lines, "\n"), nil)
}

func errText(err error) string { return core.AsError(err).Text() }

// bookState sums up what the pay book holds: its invoices and their balances.
func bookState(b *payBook) string {
	b.t.Helper()
	page, err := b.svc.ListInvoices(b.ctx, core.InvoiceQuery{Sort: core.SortNumber, Limit: 100})
	if err != nil {
		b.t.Fatal(err)
	}
	var s []string
	for _, inv := range page.Invoices {
		s = append(s, inv.Number+"="+inv.Balance().String())
	}
	return strings.Join(s, " ")
}
