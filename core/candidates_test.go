package core_test

import (
	"context"
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
			a.DaysOverdue != p.DaysOverdue || a.AmiliOK != p.AmiliOK || a.RecentlyReminded != p.RecentlyReminded {
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
	ids, more, err := book.Service.SelectCandidates(ctx, q, core.ReminderManual)
	if err != nil {
		t.Fatal(err)
	}
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
	ids, more, err = book.Service.SelectCandidates(ctx, q, core.ReminderAmili)
	if err != nil {
		t.Fatal(err)
	}
	total, err := book.Service.SelectionTotals(ctx, core.ReminderRequest{Type: core.ReminderAmili, InvoiceIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if len(total.NotForAmili) != 0 || total.Count != len(ids) || len(ids) > core.MaxBatch {
		t.Errorf("under Amili: %d selected (more %v), %d Amili cannot take", len(ids), more, len(total.NotForAmili))
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
		if !c.AmiliOK {
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
			if len(got.NotForAmili) != len(notForAmili) {
				t.Errorf("%d Amili cannot take, want %d", len(got.NotForAmili), len(notForAmili))
			}
		})
	}
	if _, err := book.Service.SelectionTotals(ctx, core.ReminderRequest{InvoiceIDs: make([]int64, core.MaxBatch+1)}); core.ErrorCodeOf(err) != core.EINVALID {
		t.Errorf("201 invoices: %v, want EINVALID", err)
	}
}
