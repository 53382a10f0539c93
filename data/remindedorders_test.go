package data

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// remindedBook is a book where the "reminded" filter's indexes and bounds matter: the
// newest invoices (latest due and invoice dates, highest numbers in text order) are
// never reminded, reminded ones are first and later reminders of a batch or came
// reminded with the book, some were paid after, one is with Amili.
func remindedBook(t *testing.T) *Store {
	t.Helper()
	s := mustOpen(t)
	cs := []core.Customer{mustCustomer(t, s, "K1", "Anna AB"), mustCustomer(t, s, "K2", "Örjan Åkesson"),
		mustCustomer(t, s, "K3", "bertil hb")}
	var invs []core.Invoice
	for i := range 80 {
		spec := invoiceSpec{number: fmt.Sprintf("%d", 100+i*37%80), dueIn: -90 + i*3/2, total: fmt.Sprint(100 + i*7%50)}
		if i%9 == 4 {
			spec.number = "9" + spec.number // a number of another length, sorting among the others
		}
		if spec.dueIn < -10 && i%4 == 1 {
			spec.reminders = 1 + i%3 // came reminded with the book
		}
		if i%11 == 3 {
			spec.paid = spec.total
		}
		invs = append(invs, mustInvoice(t, s, cs[i%3], spec))
	}
	// A batch reminds some overdue open invoices, a few for a later time.
	var rs []core.Reminder
	for _, inv := range invs {
		if inv.DueDate.Before(today.AddDays(-5)) && inv.Balance().IsPositive() && inv.ID%3 != 0 {
			r := core.Reminder{InvoiceID: inv.ID, InvoiceNumber: inv.Number, Type: core.ReminderManual,
				Date: today, Level: inv.ReminderCount + 1, InterestRate: core.FromOre(1000),
				InterestFrom: inv.DueDate.AddDays(1), Balance: inv.Balance(), AmountDue: inv.Balance(),
				NewDueDate: today.AddDays(10), Channel: core.ChannelLetter}
			if inv.ID%7 == 0 {
				r.Type, r.Channel = core.ReminderAmili, core.ChannelAmili
			}
			rs = append(rs, r)
		}
	}
	batch := core.Batch{IdempotencyKey: "reminded-book", Type: core.ReminderManual, CreatedAt: time.Now()}
	if _, err := s.CreateBatch(ctx, batch, rs); err != nil {
		t.Fatal(err)
	}
	// Some reminded invoices are paid afterwards: they leave the filter.
	if _, err := s.db.Exec(`UPDATE invoices SET paid_ore = total_ore WHERE reminder_count > 0 AND id % 5 = 0`); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestRemindedPagesAreTheFiltersInvoices compares every page of the "reminded" filter,
// in every order and direction, with the same query read without an index or a bound:
// the filter's own indexes and the due-date bound from invoice_sums
// (009_reminder_writes.sql) leave out no invoice and add none.
func TestRemindedPagesAreTheFiltersInvoices(t *testing.T) {
	s := remindedBook(t)
	var reminded int
	if err := s.db.QueryRow(`SELECT count(*) FROM invoices WHERE total_ore > paid_ore AND reminder_count > 0`).Scan(&reminded); err != nil {
		t.Fatal(err)
	}
	if reminded < 15 {
		t.Fatalf("the book has %d reminded open invoices; the test needs more", reminded)
	}
	for key, sort := range listSorts {
		for _, desc := range []bool{false, true} {
			want := queryNumbers(t, s, `SELECT i.number FROM invoices i NOT INDEXED JOIN customers c ON c.id = i.customer_id
				WHERE i.total_ore > i.paid_ore AND i.reminder_count > 0`+orderBy(sort, desc))
			var got []string
			for offset := 0; offset <= len(want); offset += 7 {
				page, err := s.ListInvoices(ctx, core.InvoiceQuery{Filter: core.FilterReminded, Sort: key, Desc: desc,
					Limit: 7, Offset: offset, SkipTotals: true}, today)
				if err != nil {
					t.Fatal(err)
				}
				if n := numbers(page); n != "" {
					got = append(got, strings.Fields(n)...)
				}
			}
			if strings.Join(got, " ") != strings.Join(want, " ") {
				t.Errorf("sort=%s desc=%v:\n got %v\nwant %v", key, desc, got, want)
			}
		}
	}
}

// queryNumbers is the first column of query's rows.
func queryNumbers(t *testing.T, s *Store, query string) []string {
	t.Helper()
	rows, err := s.db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var ns []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		ns = append(ns, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return ns
}
