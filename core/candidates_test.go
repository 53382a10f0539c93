package core_test

import (
	"context"
	"slices"
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

// The paged candidates must show what ReminderCandidates shows, a page at a time.
func TestCandidatePagesAreReminderCandidatesAPageAtATime(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 250})
	ctx := context.Background()
	all, err := book.Service.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var paged []core.Candidate
	for offset := 0; ; offset += core.DefaultPageSize {
		page, err := book.Service.CandidatePage(ctx, core.CandidateQuery{Offset: offset})
		if err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		paged = append(paged, page...)
	}
	if len(paged) != len(all) {
		t.Fatalf("%d paged, %d in all", len(paged), len(all))
	}
	for i := range all {
		a, p := all[i], paged[i]
		if a.Invoice.ID != p.Invoice.ID || !a.Interest.Equal(p.Interest) || !a.Fee.Equal(p.Fee) ||
			a.DaysOverdue != p.DaysOverdue || !slices.Equal(a.Problems, p.Problems) || a.RecentlyReminded != p.RecentlyReminded {
			t.Errorf("row %d: paged %+v, all %+v", i, p, a)
		}
	}
	count, err := book.Service.CountCandidates(ctx, core.CandidateQuery{})
	if err != nil {
		t.Fatal(err)
	}
	sum := decimal.Zero
	for _, c := range all {
		sum = sum.Add(c.Invoice.Balance())
	}
	if count.Count != len(all) || !count.Balance.Equal(sum) {
		t.Errorf("counted %d, %s; the candidates are %d, %s", count.Count, count.Balance, len(all), sum)
	}
}

func TestSelectCandidatesTakesTheFirst200InTheOrderAskedFor(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 250})
	ctx := context.Background()
	q := core.CandidateQuery{Sort: core.CandidatesByBalance, Desc: true}
	sel, err := book.Service.SelectCandidates(ctx, q, core.ReminderManual, false)
	if err != nil {
		t.Fatal(err)
	}
	ids, more := sel.IDs, sel.More
	if len(ids) != core.MaxBatch || !more {
		t.Fatalf("%d selected, more %v; want %d and more", len(ids), more, core.MaxBatch)
	}
	q.Limit = core.MaxBatch
	page, err := book.Service.CandidatePage(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range page {
		if ids[i] != c.Invoice.ID {
			t.Fatalf("selected %d is invoice %d, row %d shows %d", i, ids[i], i, c.Invoice.ID)
		}
	}
	// Under Amili only what Amili can take: every third invoice belongs to K3, who
	// has no organisation number.
	sel, err = book.Service.SelectCandidates(ctx, q, core.ReminderAmili, false)
	if err != nil {
		t.Fatal(err)
	}
	ids, more = sel.IDs, sel.More
	total, err := book.Service.SelectionTotals(ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(total.Blocked) != 0 || total.Count != len(ids) || len(ids) > core.MaxBatch {
		t.Errorf("under Amili: %d selected (more %v), %d Amili cannot take", len(ids), more, len(total.Blocked))
	}
}

func TestSelectionTotalsAddUpThePreviewFiguresByTypeAndOptions(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 9})
	ctx := context.Background()
	all, err := book.Service.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids, notForAmili []int64
	balance, interest, fees := decimal.Zero, decimal.Zero, decimal.Zero
	for _, c := range all {
		ids = append(ids, c.Invoice.ID)
		balance, interest, fees = balance.Add(c.Invoice.Balance()), interest.Add(c.Interest), fees.Add(c.Fee)
		if _, blocked := c.ProblemFor(core.ReminderAmili); blocked {
			notForAmili = append(notForAmili, c.Invoice.ID)
		}
	}
	tests := []struct {
		name                    string
		req                     core.ReminderRequest
		balance, interest, fees decimal.Decimal
	}{
		{"manual with interest and fee", core.ReminderRequest{Type: core.ReminderManual, ChargeInterest: true, ChargeFee: true},
			balance, interest, fees},
		{"manual without either", core.ReminderRequest{Type: core.ReminderManual}, balance, decimal.Zero, decimal.Zero},
		{"Amili, which charges its own", core.ReminderRequest{Type: core.ReminderAmili, ChargeInterest: true, ChargeFee: true},
			balance, decimal.Zero, decimal.Zero},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tc.req.InvoiceIDs = ids
			got, err := book.Service.SelectionTotals(ctx, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if got.Count != len(ids) || !got.Balance.Equal(tc.balance) || !got.Interest.Equal(tc.interest) ||
				!got.Fees.Equal(tc.fees) || !got.AmountDue.Equal(tc.balance.Add(tc.interest).Add(tc.fees)) {
				t.Errorf("got %+v; want %d, %s, %s, %s", got, len(ids), tc.balance, tc.interest, tc.fees)
			}
			want := 0 // a manual reminder goes by letter where nothing else can
			if tc.req.Type.ViaAmili() {
				want = len(notForAmili)
			}
			if len(got.Blocked) != want {
				t.Errorf("%d the type cannot take, want %d", len(got.Blocked), want)
			}
		})
	}
	if _, err := book.Service.SelectionTotals(ctx, core.ReminderRequest{InvoiceIDs: make([]int64, core.MaxBatch+1)}); core.ErrorCodeOf(err) != core.EINVALID {
		t.Errorf("201 invoices: %v, want EINVALID", err)
	}
}

// Rule 5 (räntelagen 2 and 6 §§: interest runs on what is unpaid, day by day): a
// payment after the due date lowers the base from the day after, and the page's
// preview and the selection's totals follow it as the batch does.
func TestCandidateInterestFollowsPaymentsAfterTheDueDate(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", false, "")
	paid := b.invoice("1001", c, "2026-09-01", 10000)
	unpaid := b.invoice("1002", c, "2026-09-01", 10000)
	if _, err := b.svc.RegisterPayment(b.ctx, core.Payment{InvoiceID: paid.ID, Date: core.MustDate("2026-10-01"),
		Amount: kr("4000")}); err != nil {
		t.Fatal(err)
	}
	req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{paid.ID, unpaid.ID}, ChargeInterest: true}
	preview, err := b.svc.PreviewReminders(b.ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	planned := map[int64]decimal.Decimal{}
	for _, r := range preview.Reminders {
		planned[r.InvoiceID] = r.Interest
	}
	page, err := b.svc.CandidatePage(b.ctx, core.CandidateQuery{})
	if err != nil || len(page) != 2 {
		t.Fatalf("page %+v, %v", page, err)
	}
	for _, c := range page {
		if !c.Interest.Equal(planned[c.Invoice.ID]) {
			t.Errorf("%s: preview interest %s, the batch plans %s", c.Invoice.Number, c.Interest, planned[c.Invoice.ID])
		}
	}
	// 10 000 kr for a month, then 6 000 kr: more than 6 000 kr's, less than 10 000 kr's.
	p, u := planned[paid.ID], planned[unpaid.ID]
	if !p.LessThan(u) || !p.GreaterThan(u.Mul(decimal.NewFromFloat(0.6))) {
		t.Errorf("interest with a payment after due %s, without %s", p, u)
	}
	tot, err := b.svc.SelectionTotals(b.ctx, req)
	if err != nil || !tot.Interest.Equal(preview.Totals.Interest) || !tot.AmountDue.Equal(preview.Totals.AmountDue) {
		t.Errorf("selection totals %+v, %v; the preview adds up to %+v", tot, err, preview.Totals)
	}
}
