package core_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/testbook"
)

// remindFirst sends a manual reminder today for the first n candidates of K1 (whom
// every channel takes), and returns their IDs and numbers.
func remindFirst(t *testing.T, svc *core.Service, n int) ([]int64, []string) {
	t.Helper()
	ctx := context.Background()
	all, err := svc.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	var numbers []string
	for _, c := range all {
		if c.Customer.IDNumber == "556036-0793" && len(ids) < n {
			ids, numbers = append(ids, c.Invoice.ID), append(numbers, c.Invoice.Number)
		}
	}
	req := core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids, IdempotencyKey: core.NewIdempotencyKey()}
	if _, err := svc.SendReminders(ctx, req); err != nil {
		t.Fatal(err)
	}
	return ids, numbers
}

// Rule 11 (core/RULES.md): Select all leaves out what was reminded in the last
// RecentDays days unless asked, and what the type cannot take, and says how many.
func TestSelectAllSkipsTheRecentlyRemindedUnlessAskedAndCountsWhy(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 12}) // 4 each of K1, K2 and K3
	reminded, _ := remindFirst(t, book.Service, 2)
	tests := []struct {
		name       string
		typ        core.ReminderType
		withRecent bool
		days       int // after the reminders
		want       int
		recent     int
		noIDNumber int
	}{
		{"manual leaves out the two reminded today", core.ReminderManual, false, 0, 10, 2, 0},
		{"manual takes them when asked", core.ReminderManual, true, 0, 12, 0, 0},
		{"Amili leaves out K3 too, who has no number", core.ReminderAmili, false, 0, 6, 2, 4},
		{"Amili with the recent leaves out K3 only", core.ReminderAmili, true, 0, 8, 0, 4},
		{"seven days later they are still recent", core.ReminderManual, false, 7, 10, 2, 0},
		{"eight days later they are not", core.ReminderManual, false, 8, 12, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			svc := book.Service
			if tc.days > 0 {
				now := testbook.Today.AddDays(tc.days).Time().Add(10 * time.Hour)
				svc = core.NewService(book.Store, core.Options{Clock: core.FixedClock(now), LettersDir: t.TempDir()})
			}
			sel, err := svc.SelectCandidates(context.Background(), core.CandidateQuery{}, tc.typ, tc.withRecent)
			if err != nil {
				t.Fatal(err)
			}
			if len(sel.IDs) != tc.want || sel.Recent != tc.recent || sel.Blocked[core.ProblemNoIDNumber] != tc.noIDNumber || sel.More {
				t.Errorf("selected %d, recent %d, blocked %v, more %v; want %d, %d, %d no number",
					len(sel.IDs), sel.Recent, sel.Blocked, sel.More, tc.want, tc.recent, tc.noIDNumber)
			}
			if sel.Skipped() != sel.Recent+sel.Blocked[core.ProblemNoIDNumber] {
				t.Errorf("Skipped() = %d", sel.Skipped())
			}
			for _, id := range reminded {
				if slices.Contains(sel.IDs, id) != (tc.withRecent || tc.days > 7) {
					t.Errorf("reminded invoice %d selected = %v", id, slices.Contains(sel.IDs, id))
				}
			}
		})
	}
}

func TestSelectAllSelectsNothingWhenEveryCandidateWasRemindedRecently(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 3}) // one each of K1, K2, K3
	ctx := context.Background()
	all, err := book.Service.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range all {
		ids = append(ids, c.Invoice.ID)
	}
	if _, err := book.Service.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids,
		IdempotencyKey: core.NewIdempotencyKey()}); err != nil {
		t.Fatal(err)
	}
	sel, err := book.Service.SelectCandidates(ctx, core.CandidateQuery{}, core.ReminderManual, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.IDs) != 0 || sel.Recent != 3 {
		t.Errorf("selected %d, recent %d; want none, 3", len(sel.IDs), sel.Recent)
	}
}

func TestThePreviewNamesTheInvoicesRemindedRecently(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 6})
	ctx := context.Background()
	reminded, numbers := remindFirst(t, book.Service, 1)
	all, err := book.Service.ReminderCandidates(ctx)
	if err != nil {
		t.Fatal(err)
	}
	ids := []int64{}
	for _, c := range all {
		if c.Invoice.ID != reminded[0] {
			ids = append(ids, c.Invoice.ID)
		}
	}
	ids = append(ids, reminded[0])
	p, err := book.Service.PreviewReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(p.Recent, numbers) {
		t.Errorf("recent %v, want %v", p.Recent, numbers)
	}
}

// Select all under Amili leaves out a customer without a postal address, as the
// dialog's own check and the batch do (ProblemNoAddress), and counts why.
func TestSelectAllUnderAmiliLeavesOutACustomerWithoutAPostalAddress(t *testing.T) {
	book := testbook.New(t, testbook.Options{Overdue: 12}) // 4 each of K1, K2 and K3
	ctx := context.Background()
	customers, err := book.Service.Customers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range customers {
		if c.Number == "K2" {
			c.Address = core.Address{}
			if _, err := book.Service.SaveCustomer(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
	}
	sel, err := book.Service.SelectCandidates(ctx, core.CandidateQuery{}, core.ReminderAmili, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(sel.IDs) != 4 || sel.Blocked[core.ProblemNoAddress] != 4 || sel.Blocked[core.ProblemNoIDNumber] != 4 {
		t.Errorf("selected %d, blocked %v; want K1's 4, and 4 each without an address and without a number",
			len(sel.IDs), sel.Blocked)
	}
}
