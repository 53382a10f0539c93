package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// EligibleInvoices returns the invoices with a balance, due before today and not with
// Amili, ordered by due date then number, each with its customer. It reads only what
// the reminder dialog shows and core's rules judge (see core.Store.EligibleInvoices for
// the fields filled); the other Candidate fields are left for core to fill.
func (s *Store) EligibleInvoices(ctx context.Context, today core.Date) ([]core.Candidate, error) {
	var cs []core.Candidate
	err := s.read(ctx, "list eligible invoices", func(tx *sql.Tx) (err error) {
		cs, err = eligible(ctx, tx, dateText(today))
		return err
	})
	return cs, err
}

// eligibleSQL selects the eligible invoices through the open invoices' index, in its
// own order, taking isEligible's arguments; the reminder count and last reminded date
// come from each row, since 009_reminder_writes took them out of the index. Amili state is not
// read: the WHERE clause rules out a case with Amili. The currency is NULL when it is
// SEK, and the case reference (of an earlier, closed case) when there is none, as
// nearly always: a NULL costs the driver nothing, a string an allocation per row.
var eligibleSQL = `SELECT i.id, i.number, i.customer_id, i.due_date, i.total_ore, i.paid_ore,
	nullif(i.currency, '` + core.Currency + `'), i.reminder_count, i.last_reminded, nullif(i.amili_case_ref, ''),
	i.charges_ore, i.plan_step
	FROM invoices i INDEXED BY invoices_open
	WHERE ` + isEligible.and() + `
	ORDER BY i.due_date, i.number`

// eligibleRow is one row of eligibleSQL, kept small until the rows are counted.
type eligibleRow struct {
	id, customerID    int64
	number            string
	due, lastReminded core.Date
	totalOre, paidOre int64
	chargesOre        int64
	currency, caseRef string
	reminderCount     int64
	planStep          int64
}

// eligible reads the candidates' invoices and then their customers, each customer
// once however many overdue invoices it has.
func eligible(ctx context.Context, tx *sql.Tx, today string) ([]core.Candidate, error) {
	invs, err := readEligible(ctx, tx, today)
	if err != nil {
		return nil, err
	}
	ids := make(map[int64]bool)
	for _, chunk := range invs.chunks {
		for _, r := range chunk {
			ids[r.customerID] = true
		}
	}
	customers, err := candidateCustomers(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	cs := make([]core.Candidate, 0, invs.len())
	for _, chunk := range invs.chunks {
		for _, r := range chunk {
			cust := customers[r.customerID]
			if cust == nil {
				return nil, fmt.Errorf("invoice %s: customer %d is missing", r.number, r.customerID)
			}
			cs = append(cs, core.Candidate{Customer: cust})
			c := &cs[len(cs)-1]
			c.Invoice = core.Invoice{ID: r.id, Number: r.number, CustomerID: r.customerID, CustomerName: cust.Name,
				DueDate: r.due, Total: amount(r.totalOre), Paid: amount(r.paidOre), Currency: r.currency,
				ReminderCount: int(r.reminderCount), LastReminded: r.lastReminded, AmiliCaseRef: r.caseRef,
				Charges: amount(r.chargesOre), PlanStep: int(r.planStep)}
		}
	}
	return cs, nil
}

// amount is core.FromOre(ore), sharing decimal.Zero for nothing paid: a decimal
// never changes, and most open invoices have no payment.
func amount(ore int64) decimal.Decimal {
	if ore == 0 {
		return decimal.Zero
	}
	return core.FromOre(ore)
}

// eligibleRows are the rows of eligibleSQL in fixed-size chunks, so collecting tens
// of thousands never copies them to grow.
type eligibleRows struct{ chunks [][]eligibleRow }

const eligibleChunk = 4096

func (e *eligibleRows) add(r eligibleRow) {
	if n := len(e.chunks); n == 0 || len(e.chunks[n-1]) == eligibleChunk {
		e.chunks = append(e.chunks, make([]eligibleRow, 0, eligibleChunk))
	}
	last := &e.chunks[len(e.chunks)-1]
	*last = append(*last, r)
}

func (e *eligibleRows) len() int {
	n := 0
	for _, c := range e.chunks {
		n += len(c)
	}
	return n
}

// readEligible runs eligibleSQL.
func readEligible(ctx context.Context, tx *sql.Tx, today string) (*eligibleRows, error) {
	rows, err := tx.QueryContext(ctx, eligibleSQL, today)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	v := newRowValues(12)
	out := &eligibleRows{}
	for rows.Next() {
		if err := v.scan(rows); err != nil {
			return nil, err
		}
		r := eligibleRow{id: v.int(0), number: v.text(1), customerID: v.int(2), due: v.date(3),
			totalOre: v.int(4), paidOre: v.int(5), currency: v.text(6), reminderCount: v.int(7),
			lastReminded: v.date(8), caseRef: v.text(9), chargesOre: v.int(10), planStep: v.int(11)}
		if v.err != nil {
			return nil, v.err
		}
		if r.currency == "" {
			r.currency = core.Currency
		}
		out.add(r)
	}
	return out, rows.Err()
}

// candidateColumns are the customer columns a candidate needs (the postal address for
// Amili: core.Address.Postal).
const candidateColumns = `c.id, c.name, c.id_number, c.email, c.fee_agreed, c.is_company,
	c.address_line1, c.zip_code, c.city`

// candidateCustomers reads the customers with ids (ID, name, organisation or personal
// number, e-mail, fee agreement and whether a company only), one each however many candidates share it:
// by their IDs when they are few, else the whole table in one pass, which is quicker
// than looking up thousands one by one.
func candidateCustomers(ctx context.Context, tx *sql.Tx, ids map[int64]bool) (map[int64]*core.Customer, error) {
	cs := make(map[int64]*core.Customer, len(ids))
	if len(ids) == 0 {
		return cs, nil
	}
	cond, args := `1 = 1`, []any(nil) // every customer: true on both engines (PostgreSQL takes no bare 1)
	if len(ids) <= customersByID {
		for id := range ids {
			args = append(args, id)
		}
		cond = `c.id IN (?` + strings.Repeat(", ?", len(args)-1) + `)`
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+candidateColumns+` FROM customers c WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	v := newRowValues(9)
	for rows.Next() {
		if err := v.scan(rows); err != nil {
			return nil, err
		}
		id := v.int(0)
		if !ids[id] && v.err == nil {
			continue
		}
		c := &core.Customer{ID: id, Name: v.text(1), IDNumber: v.text(2), Email: v.text(3), FeeAgreed: v.int(4) != 0,
			IsCompany: v.int(5) != 0, Address: core.Address{Line1: v.text(6), ZipCode: v.text(7), City: v.text(8)}}
		if v.err != nil {
			return nil, v.err
		}
		cs[id] = c
	}
	return cs, rows.Err()
}

// customersByID is how many customers candidateCustomers looks up by ID before it
// reads them all.
const customersByID = 500
