package data

import (
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// sumsOfInvoices adds the invoices up as invoice_sums should hold them, by core's facts
// as the store renders them.
var sumsOfInvoices = `SELECT i.due_date, ` + fact(core.FactOpen) + `, ` + fact(core.FactReminded) + `, ` +
	fact(core.FactWithAmili) + `, ` + fact(core.FactCharges) + `, count(*), sum(i.total_ore - i.paid_ore), sum(i.charges_ore)
	FROM invoices i GROUP BY 1, 2, 3, 4, 5`

// invoice_sums must always be what adding up the invoices gives, whatever wrote them.
func TestInvoiceSumsFollowEveryWriteToTheInvoices(t *testing.T) {
	s := candidateBook(t)
	checkSums := func(after string) {
		t.Helper()
		rows, err := s.db.Query(`SELECT due_date, open, reminded, amili, charged, n, balance_ore, charges_ore FROM invoice_sums
			WHERE n != 0 EXCEPT ` + sumsOfInvoices)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var due string
			var open, reminded, amili, charged, n, ore, charges int64
			if err := rows.Scan(&due, &open, &reminded, &amili, &charged, &n, &ore, &charges); err != nil {
				t.Fatal(err)
			}
			t.Errorf("after %s: invoice_sums holds %s open=%d reminded=%d amili=%d charged=%d: %d, %d öre, %d öre charges, which the invoices do not add up to",
				after, due, open, reminded, amili, charged, n, ore, charges)
		}
		var missing int
		if err := s.db.QueryRow(`SELECT count(*) FROM (` + sumsOfInvoices + `
			EXCEPT SELECT due_date, open, reminded, amili, charged, n, balance_ore, charges_ore FROM invoice_sums)`).Scan(&missing); err != nil {
			t.Fatal(err)
		}
		if missing > 0 {
			t.Errorf("after %s: %d groups of invoices are missing from invoice_sums", after, missing)
		}
	}
	checkSums("creating the invoices")
	page, err := s.ListInvoices(ctx, core.InvoiceQuery{Sort: core.SortNumber}, today)
	if err != nil {
		t.Fatal(err)
	}
	byNumber := map[string]core.Invoice{}
	for _, inv := range page.Invoices {
		byNumber[inv.Number] = inv
	}
	if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: byNumber["1001"].ID, Date: today, Amount: kr("100")}), at("12:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("a part payment")
	if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: byNumber["1002"].ID, Date: today, Amount: kr("300")}), at("12:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("paying the rest")
	// Bank import (issue 11): a part payment, a payment in full with a surplus kept as
	// the customer's credit, and a payment on an invoice with Amili; all through
	// recordPayment, as RegisterPayment is.
	inv1003, inv1005, inv1006 := byNumber["1003"], byNumber["1005"], byNumber["1006"]
	if err := s.RegisterBankPayments(ctx, []core.BankRegistration{
		{Payment: onPrincipal(core.Payment{InvoiceID: inv1005.ID, Date: today, Amount: kr("50"), Source: "bg.txt", ExternalKey: "bg-1"})},
		{Payment: onPrincipal(core.Payment{InvoiceID: inv1003.ID, Date: today, Amount: inv1003.Balance(), Source: "bg.txt", ExternalKey: "bg-2"}),
			CustomerID: inv1003.CustomerID, Credit: kr("25"), CreditInvoiceID: inv1003.ID},
		{Payment: onPrincipal(core.Payment{InvoiceID: inv1006.ID, Date: today, Amount: kr("10"), Source: "bg.txt", ExternalKey: "bg-3"})},
	}, at("12:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("payments from a bank file")
	// A credit note (issue 9; issue 20: the principal settled goes up).
	if _, err := s.CreditInvoice(ctx, core.Credit{InvoiceID: byNumber["1001"].ID, Date: today, Amount: kr("100"), Number: "K-1"},
		time.Now()); err != nil {
		t.Fatal(err)
	}
	checkSums("a credit note")
	if _, err := s.CreateBatch(ctx, newBatch("manual", core.ReminderManual), []core.Reminder{
		plannedReminder(byNumber["1001"], core.ChannelLetter), plannedReminder(byNumber["1005"], core.ChannelLetter)}); err != nil {
		t.Fatal(err)
	}
	checkSums("a manual batch (a first reminder and a second)")
	// The charges it raised stay when the invoice amount is paid (costs remain), and a
	// change of the charges alone (as a waiver writes) moves the invoice too.
	reminded, err := s.Invoice(ctx, byNumber["1005"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RegisterPayment(ctx, onPrincipal(core.Payment{InvoiceID: reminded.ID, Date: today, Amount: reminded.Balance()}), at("12:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("paying the invoice amount of a reminded invoice")
	// Its charges let go by a waiver (022_plan_sums.sql: a waiver changes paid_ore
	// with charges_ore, as every writer of the charges but a batch does).
	open, err := s.OpenParts(ctx, []int64{reminded.ID})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.WaiveCharges(ctx, []core.ClaimEntry{{InvoiceID: reminded.ID, Kind: core.EntryWaiver, Date: today,
		Parts: core.Parts{Fee: open[reminded.ID].Fee, Compensation: open[reminded.ID].Compensation,
			Interest: open[reminded.ID].Interest}.Neg(), Reason: "Goodwill"}}, at("12:01")); err != nil {
		t.Fatal(err)
	}
	checkSums("its charges settled")
	fresh := mustInvoice(t, s, mustCustomer(t, s, "K11", "Dora AB"), invoiceSpec{number: "1010", dueIn: -15, total: "640"})
	checkSums("creating an invoice")
	if _, err := s.CreateBatch(ctx, newBatch("amili", core.ReminderAmili), []core.Reminder{
		plannedReminder(byNumber["1009"], core.ChannelAmili), plannedReminder(fresh, core.ChannelAmili)}); err != nil {
		t.Fatal(err)
	}
	checkSums("an Amili batch (a first reminder and a third)")
	if err := s.SetAmiliState(ctx, byNumber["1006"].ID, core.AmiliClosed); err != nil {
		t.Fatal(err)
	}
	checkSums("a change of Amili state")
	// Amili's status sync (issue 9) records the case's state.
	if err := s.SetAmiliCase(ctx, byNumber["1009"].ID, core.AmiliCase{State: core.AmiliPaid, OCR: "1234567"}); err != nil {
		t.Fatal(err)
	}
	checkSums("Amili's status of a case")
	if _, err := s.Import(ctx, []core.Customer{{Number: "K10", Name: "Ny kund"}}, []core.ImportInvoice{
		{CustomerNumber: "K10", Invoice: core.Invoice{Number: "5001", InvoiceDate: today.AddDays(-40), DueDate: today.AddDays(-10),
			Total: kr("123"), Currency: core.Currency}}}); err != nil {
		t.Fatal(err)
	}
	checkSums("an import")
	// Corrections (issue 20): a payment undone, credit applied, an invoice changed and
	// one deleted.
	ps, err := s.InvoicePayments(ctx, inv1003.ID)
	if err != nil || len(ps) == 0 {
		t.Fatalf("1003's payments %+v (%v)", ps, err)
	}
	if _, err := s.ReversePayment(ctx, core.PaymentReversalRequest{PaymentID: ps[len(ps)-1].ID, Date: today, Reason: "fel"},
		at("13:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("a payment undone")
	if _, err := s.ApplyCredit(ctx, core.CreditUse{Kind: core.CreditApplied, CustomerID: inv1003.CustomerID, InvoiceID: inv1003.ID,
		Date: today, Amount: kr("25"), Parts: core.Parts{Principal: kr("25")}}, at("13:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("credit applied")
	spare := mustInvoice(t, s, mustCustomer(t, s, "K12", "Eva AB"), invoiceSpec{number: "1011", dueIn: -5, total: "75"})
	spare.DueDate, spare.Total = today.AddDays(20), kr("80")
	if _, err := s.UpdateInvoice(ctx, spare, nil, at("13:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("an invoice changed")
	if err := s.DeleteInvoice(ctx, spare.ID, core.Message{Template: "deleted"}, at("13:00")); err != nil {
		t.Fatal(err)
	}
	checkSums("an invoice deleted")

	// And the totals read from it are those of the invoices themselves.
	for f := range core.FilterTerms {
		got, err := s.ListInvoices(ctx, core.InvoiceQuery{Filter: f, Limit: 1000}, today)
		if err != nil {
			t.Fatal(err)
		}
		if want := totalsOf(got.Invoices, today); !sameTotals(got.Totals, want) {
			t.Errorf("filter %q: totals %+v, the invoices add up to %+v", f, got.Totals, want)
		}
	}
	n, err := s.CountCandidates(ctx, core.CandidateQuery{}, today)
	if err != nil {
		t.Fatal(err)
	}
	cs, err := s.EligibleInvoices(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	var numbers []string
	balance := core.FromOre(0)
	for _, c := range cs {
		numbers = append(numbers, c.Invoice.Number)
		balance = balance.Add(c.Invoice.Balance())
	}
	if n.Count != len(cs) || !n.Balance.Equal(balance) {
		t.Errorf("counted %d candidates, %s; eligible are %s, %s", n.Count, n.Balance, strings.Join(numbers, " "), balance)
	}
}

// totalsOf adds invoices up as the list's totals do: the overdue ones and their
// claims, and those whose costs remain and those costs.
func totalsOf(invs []core.Invoice, day core.Date) core.InvoiceTotals {
	t := core.InvoiceTotals{Count: len(invs), OverdueAmount: core.FromOre(0), ChargesAmount: core.FromOre(0)}
	for _, inv := range invs {
		if inv.IsOverdue(day) {
			t.OverdueCount++
			t.OverdueAmount = t.OverdueAmount.Add(inv.Claim())
		}
		if core.FilterCharges.Matches(inv, day) {
			t.ChargesCount++
			t.ChargesAmount = t.ChargesAmount.Add(inv.Charges)
		}
	}
	return t
}

// sameTotals compares totals with decimal-aware amounts.
func sameTotals(a, b core.InvoiceTotals) bool {
	return a.Count == b.Count && a.OverdueCount == b.OverdueCount && a.OverdueAmount.Equal(b.OverdueAmount) &&
		a.ChargesCount == b.ChargesCount && a.ChargesAmount.Equal(b.ChargesAmount)
}
