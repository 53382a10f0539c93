package core_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data"
	"paminn/data/testbook"
)

var testNow = time.Date(2026, 11, 26, 10, 0, 0, 0, time.UTC)

// book is a real service over a real temporary SQLite book.
type book struct {
	t     *testing.T
	svc   *core.Service
	store *data.Store
	ctx   context.Context
}

// companyStore is a new book in a temporary folder, closed after the test, with the
// company's name, address and giro set (setUpCompany), so letters may be sent.
func companyStore(t *testing.T) *data.Store {
	t.Helper()
	store := testbook.Fresh(t)
	setUpCompany(t, store)
	return store
}

func newBook(t *testing.T, ch core.Channels) *book {
	t.Helper()
	store := companyStore(t)
	svc := core.NewService(store, core.Options{Clock: core.FixedClock(testNow), Channels: ch, LettersDir: t.TempDir()})
	return &book{t: t, svc: svc, store: store, ctx: context.Background()}
}

func (b *book) customer(number string, feeAgreed bool, email string) core.Customer {
	b.t.Helper()
	c, err := b.svc.SaveCustomer(b.ctx, core.Customer{Number: number, Name: "Kund " + number, IDNumber: "556677-8899",
		IsCompany: true, Email: email, FeeAgreed: feeAgreed,
		Address: core.Address{Line1: "Storgatan 1", ZipCode: "111 22", City: "Stockholm"}})
	if err != nil {
		b.t.Fatal(err)
	}
	return c
}

func (b *book) invoice(number string, c core.Customer, due string, total int64) core.Invoice {
	b.t.Helper()
	d := core.MustDate(due)
	inv, err := b.svc.CreateInvoice(b.ctx, core.Invoice{Number: number, CustomerID: c.ID,
		InvoiceDate: d.AddDays(-30), DueDate: d, Total: decimal.NewFromInt(total)})
	if err != nil {
		b.t.Fatal(err)
	}
	return inv
}

func kr(s string) decimal.Decimal { return decimal.RequireFromString(s) }

func wantCode(t *testing.T, err error, code core.ErrorCode) {
	t.Helper()
	if core.ErrorCodeOf(err) != code {
		t.Fatalf("error = %v, want code %s", err, code)
	}
}

func TestSendRemindersManualAppliesInterestFeeAndTerm(t *testing.T) {
	b := newBook(t, core.Channels{})
	agreed := b.customer("K1", true, "a@example.se")
	notAgreed := b.customer("K2", false, "")
	setUpMail(t, b.store)
	inv1 := b.invoice("1001", agreed, "2026-10-27", 10000) // 30 days overdue
	inv2 := b.invoice("1002", notAgreed, "2026-11-16", 5000)

	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{inv1.ID, inv2.ID}, ChargeInterest: true, ChargeFee: true, Prefer: core.ChannelEmail,
		IdempotencyKey: "k1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Reminders) != 2 {
		t.Fatalf("got %d reminders, want 2", len(res.Reminders))
	}
	r1, r2 := res.Reminders[0], res.Reminders[1]
	// 10 000 kr × (2.00 + 8) % × 30 / 365 = 82.19 kr
	if !r1.Interest.Equal(kr("82.19")) || !r1.Fee.Equal(kr("60")) || !r1.AmountDue.Equal(kr("10142.19")) {
		t.Errorf("reminder 1: interest %s fee %s due %s", r1.Interest, r1.Fee, r1.AmountDue)
	}
	if r1.Channel != core.ChannelEmail || r2.Channel != core.ChannelLetter {
		t.Errorf("channels %s, %s; want email for the customer with an address, letter for the other", r1.Channel, r2.Channel)
	}
	if !r2.Fee.IsZero() {
		t.Errorf("fee %s charged where the customer had not agreed to one", r2.Fee)
	}
	if got, want := r1.NewDueDate, core.MustDate("2026-12-06"); got != want {
		t.Errorf("new due date %s, want %s", got, want)
	}
	inv, err := b.svc.Invoice(b.ctx, inv1.ID)
	if err != nil {
		t.Fatal(err)
	}
	if inv.ReminderCount != 1 || inv.LastReminded != core.MustDate("2026-11-26") || inv.Status(b.svc.Today()) != core.StatusReminded {
		t.Errorf("invoice after reminder: count %d, last %s, status %s", inv.ReminderCount, inv.LastReminded, inv.Status(b.svc.Today()))
	}
}

func TestSendRemindersRefusesBadRequestsAndWritesNothing(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	overdue := b.invoice("1001", c, "2026-10-01", 1000)
	notDue := b.invoice("1002", c, "2026-12-30", 1000)
	many := make([]int64, core.MaxBatch+1)
	for i := range many {
		many[i] = int64(i + 1)
	}
	cases := []struct {
		name string
		req  core.ReminderRequest
		code core.ErrorCode
	}{
		{"no invoices selected", core.ReminderRequest{Type: core.ReminderManual}, core.EINVALID},
		{"201 invoices are an error, not a cut", core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: many}, core.EINVALID},
		{"an invoice not yet due", core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{overdue.ID, notDue.ID}}, core.EINVALID},
		{"the same invoice twice", core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{overdue.ID, overdue.ID}}, core.EINVALID},
		{"amili before activation", core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: []int64{overdue.ID}}, core.ECONFLICT},
		{"no reminder type", core.ReminderRequest{InvoiceIDs: []int64{overdue.ID}}, core.EINVALID},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.IdempotencyKey = "bad" + string(rune('a'+i))
			_, err := b.svc.SendReminders(b.ctx, tc.req)
			wantCode(t, err, tc.code)
		})
	}
	batches, err := b.svc.Batches(b.ctx)
	if err != nil || len(batches) != 0 {
		t.Fatalf("batches after refused requests: %d, %v", len(batches), err)
	}
}

func TestSendRemindersTwiceWithOneKeyCreatesOneBatch(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-01", 1000)
	req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{inv.ID}, IdempotencyKey: "once"}
	first, err := b.svc.SendReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	again, err := b.svc.SendReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if !again.Replayed || again.Batch.ID != first.Batch.ID {
		t.Errorf("second send: replayed=%v batch %d, want the first batch %d replayed", again.Replayed, again.Batch.ID, first.Batch.ID)
	}
	got, err := b.svc.Invoice(b.ctx, inv.ID)
	if err != nil || got.ReminderCount != 1 {
		t.Errorf("reminder count %d (%v), want 1", got.ReminderCount, err)
	}
}

func TestCandidatesFlagRecentRemindersAndPreviewFigures(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", true, "")
	inv := b.invoice("1001", c, "2026-10-27", 10000)
	if _, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{inv.ID}, IdempotencyKey: "k"}); err != nil {
		t.Fatal(err)
	}
	cs, err := b.svc.ReminderCandidates(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 1 {
		t.Fatalf("%d candidates, want 1", len(cs))
	}
	got := cs[0]
	if !got.RecentlyReminded || got.PreviousReminders != 1 || got.DaysOverdue != 30 {
		t.Errorf("candidate: recent=%v previous=%d days=%d", got.RecentlyReminded, got.PreviousReminders, got.DaysOverdue)
	}
	if !got.Interest.Equal(kr("82.19")) || !got.Fee.Equal(kr("60")) || !got.InterestRate.Equal(kr("10")) {
		t.Errorf("preview: interest %s at %s %%, fee %s", got.Interest, got.InterestRate, got.Fee)
	}
}

func TestSaveSettingsRefusesWhatTheRulesForbid(t *testing.T) {
	b := newBook(t, core.Channels{})
	base, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		change func(*core.Settings)
	}{
		{"a fee above 60 kr", func(s *core.Settings) { s.ReminderFee = kr("60.01") }},
		{"a negative payment term", func(s *core.Settings) { s.PaymentTermDays = -1 }},
		{"a malformed company e-mail", func(s *core.Settings) { s.Company.Email = "faktura@" }},
		{"a negative margin", func(s *core.Settings) { s.InterestMargin = kr("-1") }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := base
			tc.change(&s)
			wantCode(t, b.svc.SaveSettings(b.ctx, s), core.EINVALID)
			after, err := b.svc.Settings(b.ctx)
			if err != nil || !after.ReminderFee.Equal(base.ReminderFee) || after.PaymentTermDays != base.PaymentTermDays {
				t.Errorf("settings changed by a refused save: %+v", after)
			}
		})
	}
}

func TestSaveReferenceRatesRefusesAGap(t *testing.T) {
	b := newBook(t, core.Channels{})
	rates := []core.ReferenceRate{{Year: 2025, Half: 1, Rate: kr("3")}, {Year: 2026, Half: 1, Rate: kr("2")}}
	err := b.svc.SaveReferenceRates(b.ctx, rates)
	wantCode(t, err, core.EINVALID)
	if !strings.Contains(err.Error(), "2025 half-year 2") {
		t.Errorf("error %q does not name the missing half-year", err)
	}
}

func TestImportInvoicesWithAnUnknownCustomerImportsNothing(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", true, "")
	csv := "number;customer_number;invoice_date;due_date;total\n" +
		"2001;K1;2026-09-01;2026-09-30;1 234,50\n" +
		"2002;K9;2026-09-01;2026-09-30;100\n"
	_, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(csv))
	wantCode(t, err, core.EINVALID)
	var ie *core.ImportError
	if !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Line != 3 {
		t.Fatalf("error %v: want one bad row on line 3", err)
	}
	page, err := b.svc.ListInvoices(b.ctx, core.InvoiceQuery{})
	if err != nil || page.Totals.Count != 0 {
		t.Errorf("%d invoices imported (%v), want none", page.Totals.Count, err)
	}
}
