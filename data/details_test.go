package data

import (
	"fmt"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"paminn/core"
)

// ledgerRows writes rows of migration 015's claim ledger directly, as the store
// methods of the other parts of issue 20 (charges at a batch's commit, allocated
// payments, reversals, waivers, credit notes, customer credit) will, and then sets
// each invoice's paid_ore and charges_ore from the ledger as 015 defines them:
// paid_ore the principal settled by payments and credit notes, charges_ore the
// charges less what payments and waivers settled of them.
func ledgerRows(tb *testing.T, s core.Store, stmts ...string) {
	tb.Helper()
	for _, q := range append(stmts,
		`UPDATE invoices SET
			paid_ore = coalesce((SELECT sum(principal_ore) FROM payments p WHERE p.invoice_id = invoices.id), 0)
				- coalesce((SELECT sum(principal_ore) FROM claim_entries e WHERE e.invoice_id = invoices.id AND e.kind = 'credit_note'), 0),
			charges_ore = coalesce((SELECT sum(fee_ore + compensation_ore + interest_ore) FROM claim_entries e WHERE e.invoice_id = invoices.id), 0)
				- coalesce((SELECT sum(fee_ore + compensation_ore + interest_ore) FROM payments p WHERE p.invoice_id = invoices.id), 0)
			WHERE id IN (SELECT invoice_id FROM payments UNION SELECT invoice_id FROM claim_entries)`) {
		if _, err := dbOf(tb, s).ExecContext(ctx, q); err != nil {
			tb.Fatalf("%s: %v", q, err)
		}
	}
}

// chargeOf writes the 'charge' entry of a committed reminder from the reminder's own
// figures, unless the batch already wrote it.
func chargeOf(reminderID int64) string {
	return `INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, compensation_ore, interest_ore, reminder_id, created_at)
		SELECT invoice_id, 'charge', date, fee_ore, late_compensation_ore, interest_ore, id, updated_at FROM reminders r
		WHERE id = ` + itoa(reminderID) + ` AND NOT EXISTS (SELECT 1 FROM claim_entries e WHERE e.reminder_id = r.id)`
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// remindedInvoice is invoice 10049 of the issue: 2 210 kr, reminded with 450 kr
// förseningsersättning and 319,27 kr interest (2 979,27 kr), then reminded again
// with 12,50 kr more interest; its reminders are written as a manual batch writes
// them (batchedReminder).
func remindedInvoice(t *testing.T, s core.Store) (core.Invoice, []int64) {
	c := mustCustomer(t, s, "K1", "Anna AB")
	inv := mustInvoice(t, s, c, invoiceSpec{number: "10049", dueIn: -40, total: "2210"})
	var ids []int64
	for i, r := range []struct {
		days           int
		comp, interest string
	}{{-10, "450", "319.27"}, {-6, "0", "12.50"}} {
		rem := plannedReminder(inv, core.ChannelLetter)
		rem.Date, rem.Level, rem.Fee = today.AddDays(r.days), i+1, kr("0")
		rem.LateCompensation, rem.Interest = kr(r.comp), kr(r.interest)
		ids = append(ids, batchedReminder(t, s, rem))
	}
	return inv, ids
}

// batchedReminder writes r in a manual batch of its own, committed, as CreateBatch
// writes a reminder's row, and returns its ID. (CreateBatch is not this branch's to
// run on PostgreSQL; the details read the row, whoever wrote it.)
func batchedReminder(t *testing.T, s core.Store, r core.Reminder) int64 {
	t.Helper()
	db := dbOf(t, s)
	var batch, id int64
	err := db.QueryRow(`INSERT INTO reminder_batches (idempotency_key, created_at, type, count)
		VALUES (?, '2025-03-10T09:00:00Z', 'manual', 1) RETURNING id`, fmt.Sprintf("r-%d", reminderRows.Add(1))).Scan(&batch)
	if err != nil {
		t.Fatal(err)
	}
	err = db.QueryRow(`INSERT INTO reminders (batch_id, invoice_id, type, date, level, balance_ore, amount_due_ore,
		new_due_date, channel, state, updated_at, fee_ore, interest_ore, late_compensation_ore, action)
		VALUES (?, ?, 'manual', ?, ?, ?, ?, ?, 'letter', 'sent', '2025-03-10T09:00:00Z', ?, ?, ?, 'reminder') RETURNING id`,
		batch, r.InvoiceID, dateText(r.Date), r.Level, core.ToOre(r.Balance), core.ToOre(r.AmountDue), dateText(r.NewDueDate),
		core.ToOre(r.Fee), core.ToOre(r.Interest), core.ToOre(r.LateCompensation)).Scan(&id)
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAnInvoicesDetailsTellItsClaimLineByLineAndWhatRemainsOfEachPart(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		inv, reminders := remindedInvoice(t, s)
		id := itoa(inv.ID)
		ledgerRows(t, s, chargeOf(reminders[0]), chargeOf(reminders[1]),
			// 2 000 kr paid, costs first: 450 förseningsersättning, 319,27 interest, the rest principal.
			`INSERT INTO payments (id, invoice_id, kind, date, amount_ore, principal_ore, compensation_ore, interest_ore, source, created_at)
				VALUES (71, `+id+`, 'payment', '2025-03-10', 200000, 123073, 45000, 31927, 'bg.txt', 'x')`,
			// 500 kr registered on the wrong invoice, then reversed.
			`INSERT INTO payments (id, invoice_id, kind, date, amount_ore, principal_ore, created_at)
				VALUES (72, `+id+`, 'payment', '2025-03-11', 50000, 50000, 'x')`,
			`INSERT INTO payments (id, invoice_id, kind, date, amount_ore, principal_ore, reverses, reason, created_at)
				VALUES (73, `+id+`, 'reversal', '2025-03-12', -50000, -50000, 72, 'Fel faktura', 'x')`,
			`INSERT INTO claim_entries (invoice_id, kind, date, interest_ore, reason, created_at)
				VALUES (`+id+`, 'waiver', '2025-03-13', -1250, 'Goodwill', 'x')`,
			`INSERT INTO claim_entries (invoice_id, kind, date, principal_ore, reason, created_at)
				VALUES (`+id+`, 'credit_note', '2025-03-14', -20000, 'Rabatt', 'x')`,
			`INSERT INTO invoice_history (invoice_id, at, message) VALUES (`+id+`, '2025-03-09T09:00:00.000000000Z',
				'{"t":"Due date changed from {{.Old}} to {{.New}}","d":{"New":"2025-02-10","Old":"2025-02-03"}}')`)
		if _, err := s.CreditInvoice(ctx, core.Credit{InvoiceID: inv.ID, Date: today, Amount: kr("100"), Number: "K-7"}, at("10:00")); err != nil {
			t.Fatal(err)
		}

		d, err := s.InvoiceDetails(ctx, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		type line struct {
			kind                                   core.ClaimLineKind
			date                                   string
			principal, fee, compensation, interest string
		}
		var got []line
		for _, l := range d.ClaimLines() {
			p := l.Parts
			got = append(got, line{l.Kind, l.Date.String(), p.Principal.StringFixed(2), p.Fee.StringFixed(2),
				p.Compensation.StringFixed(2), p.Interest.StringFixed(2)})
		}
		want := []line{
			{core.LineInvoiced, "2025-01-04", "2210.00", "0.00", "0.00", "0.00"},
			{core.LineCharge, "2025-03-05", "0.00", "0.00", "450.00", "319.27"},
			{core.LineCharge, "2025-03-09", "0.00", "0.00", "0.00", "12.50"},
			{core.LinePayment, "2025-03-10", "-1230.73", "0.00", "-450.00", "-319.27"},
			{core.LinePayment, "2025-03-11", "-500.00", "0.00", "0.00", "0.00"},
			{core.LineReversal, "2025-03-12", "500.00", "0.00", "0.00", "0.00"},
			{core.LineWaiver, "2025-03-13", "0.00", "0.00", "0.00", "-12.50"},
			{core.LineCreditNote, "2025-03-14", "-200.00", "0.00", "0.00", "0.00"},
			{core.LineCreditNote, "2025-03-15", "-100.00", "0.00", "0.00", "0.00"},
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("claim lines:\n got %v\nwant %v", got, want)
		}
		rest := d.Remaining()
		if !rest.Principal.Equal(kr("679.27")) || !rest.Charges().IsZero() {
			t.Errorf("remaining = %+v, want 679.27 kr principal and no charges", rest)
		}
		// What remains agrees with the invoice's kept columns, as the list shows them.
		var balance, charges int64
		if err := dbOf(t, s).QueryRow(`SELECT total_ore - paid_ore, charges_ore FROM invoices WHERE id = ?`, inv.ID).Scan(&balance, &charges); err != nil {
			t.Fatal(err)
		}
		if !core.FromOre(balance).Equal(rest.Principal) || !core.FromOre(charges).Equal(rest.Charges()) {
			t.Errorf("the book keeps %d öre balance and %d öre charges; the lines leave %+v", balance, charges, rest)
		}
		lines := d.ClaimLines()
		if !lines[4].Reversed || lines[5].Reverses != 72 || lines[5].Reason != "Fel faktura" || lines[3].Source != "bg.txt" {
			t.Errorf("the reversal and its payment are not told apart: %+v / %+v", lines[4], lines[5])
		}
		if lines[1].ReminderID != reminders[0] || len(d.Reminders) != 2 || d.Reminders[1].Level != 2 {
			t.Errorf("the charges are not tied to their reminders: %+v, %+v", lines[1], d.Reminders)
		}
		if len(d.History) != 1 || d.History[0].Message.Data["New"] != "2025-02-10" || d.History[0].At.IsZero() {
			t.Errorf("history = %+v", d.History)
		}
		if d.Customer.Name != "Anna AB" || d.Invoice.Number != "10049" {
			t.Errorf("invoice %q of %q", d.Invoice.Number, d.Customer.Name)
		}
	})
}

func TestAPaymentWrittenWithoutItsPartsWentToThePrincipal(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		inv := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -40, total: "1000"})
		// As a payments row from before its parts were recorded, had the migration not
		// given it its principal: every part zero.
		ledgerRows(t, s, `INSERT INTO payments (invoice_id, date, amount_ore, created_at) VALUES (`+itoa(inv.ID)+`, '`+
			today.String()+`', 40000, '')`)
		d, err := s.InvoiceDetails(ctx, inv.ID)
		if err != nil {
			t.Fatal(err)
		}
		if rest := d.Remaining(); !rest.Principal.Equal(kr("600")) || !rest.Charges().IsZero() {
			t.Errorf("remaining = %+v, want 600 kr principal", rest)
		}
		if len(d.Payments) != 1 || d.Payments[0].Kind != core.PaymentMoney || d.Payments[0].ID == 0 {
			t.Errorf("payments = %+v", d.Payments)
		}
	})
}

func TestARäntefakturaAndItsInvoiceNameEachOther(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		orig := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -40, total: "1000", paid: "1000"})
		ri := mustInvoice(t, s, c, invoiceSpec{number: "R1", dueIn: 10, total: "12.34"})
		ledgerRows(t, s, `UPDATE invoices SET interest_for = `+itoa(orig.ID)+` WHERE id = `+itoa(ri.ID))
		for _, tc := range []struct {
			id           int64
			for_, itsOwn string
		}{{orig.ID, "", "R1"}, {ri.ID, "A", ""}} {
			d, err := s.InvoiceDetails(ctx, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			if d.InterestFor != tc.for_ || d.InterestInvoice != tc.itsOwn {
				t.Errorf("invoice %d: for %q, räntefaktura %q; want %q, %q", tc.id, d.InterestFor, d.InterestInvoice, tc.for_, tc.itsOwn)
			}
		}
	})
}

func TestACustomersDetailsHoldTheirInvoicesNewestFirstAndTheirCredit(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		other := mustCustomer(t, s, "K2", "Bertil AB")
		old := mustInvoice(t, s, c, invoiceSpec{number: "A", dueIn: -40, total: "1000"})
		recent := mustInvoice(t, s, c, invoiceSpec{number: "B", dueIn: -5, total: "500"})
		mustInvoice(t, s, other, invoiceSpec{number: "C", dueIn: -5, total: "700"})
		cid, bid := itoa(c.ID), itoa(recent.ID)
		ledgerRows(t, s,
			`INSERT INTO claim_entries (invoice_id, kind, date, fee_ore, created_at) VALUES (`+itoa(old.ID)+`, 'charge', '2025-03-01', 6000, 'x')`,
			`INSERT INTO customer_credits (customer_id, invoice_id, date, amount_ore, source, external_key)
				VALUES (`+cid+`, `+itoa(old.ID)+`, '2025-03-02', 30000, 'bg.txt', 'key-1')`,
			`INSERT INTO customer_credits (customer_id, date, amount_ore, external_key) VALUES (`+itoa(other.ID)+`, '2025-03-02', 99900, 'key-2')`,
			`INSERT INTO payments (id, invoice_id, kind, date, amount_ore, principal_ore, created_at)
				VALUES (81, `+bid+`, 'credit', '2025-03-03', 10000, 10000, 'x')`,
			`INSERT INTO customer_credit_uses (customer_id, kind, date, amount_ore, payment_id, created_at)
				VALUES (`+cid+`, 'applied', '2025-03-03', 10000, 81, 'x')`,
			`INSERT INTO customer_credit_uses (customer_id, kind, date, amount_ore, reason, created_at)
				VALUES (`+cid+`, 'refunded', '2025-03-04', 5000, 'Återbetalt till kontot', 'x')`)

		d, err := s.CustomerDetails(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var numbers []string
		for _, inv := range d.Invoices {
			numbers = append(numbers, inv.Number)
		}
		if !reflect.DeepEqual(numbers, []string{"B", "A"}) {
			t.Errorf("invoices %v, want B, A (newest first, the customer's own)", numbers)
		}
		if !d.Invoices[1].Charges.Equal(kr("60")) || !d.Owed().Equal(kr("1460")) {
			t.Errorf("A's charges %s, owed in all %s; want 60 and 1 460 (1 000 + 60 + 500 − 100)", d.Invoices[1].Charges, d.Owed())
		}
		type move struct {
			kind           core.CreditMovementKind
			amount, number string
		}
		var moves []move
		for _, m := range d.Credit {
			moves = append(moves, move{m.Kind, m.Amount.StringFixed(2), m.InvoiceNumber})
		}
		want := []move{{core.CreditArose, "300.00", "A"}, {core.CreditMovedIn, "-100.00", "B"}, {core.CreditMovedOut, "-50.00", ""}}
		if !reflect.DeepEqual(moves, want) {
			t.Errorf("credit:\n got %v\nwant %v", moves, want)
		}
		if !d.CreditLeft().Equal(kr("150")) || d.Credit[2].Reason != "Återbetalt till kontot" || d.Credit[0].Source != "bg.txt" {
			t.Errorf("credit left %s, %+v", d.CreditLeft(), d.Credit)
		}
	})
}

func TestDetailsOfWhatIsNotInTheBookAreNotFound(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		_, err := s.InvoiceDetails(ctx, 42)
		wantCode(t, err, core.ENOTFOUND)
		_, err = s.CustomerDetails(ctx, 42)
		wantCode(t, err, core.ENOTFOUND)
	})
}

// Every read of the details seeks its rows by the invoice's or the customer's index:
// none reads a whole table, before or after ANALYZE, so opening the details costs
// what the invoice holds, not what the book holds.
func TestTheDetailsReadNoWholeTable(t *testing.T) {
	s := mustOpen(t)
	queries := map[string]string{
		"claim entries": entriesOfInvoiceSQL, "payments": paymentsOfInvoiceSQL, "credits": creditsOfInvoiceSQL,
		"Amili reports": reportsOfInvoiceSQL, "history": historyOfInvoiceSQL, "räntefaktura links": interestLinksSQL,
		"reminders":           `SELECT ` + reminderColumns + reminderFrom + remindersOfInvoiceWhere,
		"customer's invoices": invoicesOfCustomerSQL, "customer's credit": creditMovementsSQL,
	}
	anyScan := regexp.MustCompile(`^SCAN \w+$`)
	for _, stats := range []string{"without statistics", "after ANALYZE"} {
		if stats == "after ANALYZE" {
			if _, err := s.db.Exec(`ANALYZE`); err != nil {
				t.Fatal(err)
			}
		}
		for name, q := range queries {
			plan := queryPlan(t, s, plannedQuery{name: name, query: q, args: []any{1}})
			for _, step := range plan {
				if anyScan.MatchString(step) {
					t.Errorf("%s, %s: %s reads the whole table:\n%s", name, stats, step, strings.Join(plan, "\n"))
				}
			}
		}
	}
}
