package core_test

import (
	"testing"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/letter"
)

// consumer is a customer who is not a company (no förseningsersättning, rule 6).
func (b *book) consumer(number string, feeAgreed bool) core.Customer {
	b.t.Helper()
	c, err := b.svc.SaveCustomer(b.ctx, core.Customer{Number: number, Name: "Kund " + number,
		FeeAgreed: feeAgreed, Address: core.Address{Line1: "Byvägen 2", ZipCode: "222 33", City: "Lund"}})
	if err != nil {
		b.t.Fatal(err)
	}
	return c
}

// One letter per customer (issue 22; core/RULES.md "One letter per customer"): a
// written reminder listing several invoices is one betalningspåminnelse, so it
// charges one fee at most (lag 1981:739 2 § and 4 §: only costs "skäligen
// påkallade", at most 60 kr "för skriftlig betalningspåminnelse"), carried by the
// invoice that fell due first; förseningsersättning stays per invoice (4 a §: per
// "fordran"), and an invoice charged it carries no fee (rule 6).
func TestOneLetterPerCustomerChargesOneFeeAndKeepsFörseningsersättningPerInvoice(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New()})
	many := b.consumer("K1", true)
	alone := b.consumer("K2", true)
	company := b.customer("K3", true, "")
	// Named out of due-date order: the fee goes to the oldest, 1002, whatever the order.
	k1a := b.invoice("1001", many, "2026-10-20", 1000)
	k1b := b.invoice("1002", many, "2026-10-10", 2000)
	k2 := b.invoice("2001", alone, "2026-10-27", 500)
	k1c := b.invoice("999", many, "2026-10-20", 3000)
	k3a := b.invoice("3001", company, "2026-10-01", 4000)
	k3b := b.invoice("3002", company, "2026-10-02", 5000)
	ids := []int64{k1a.ID, k1b.ID, k2.ID, k1c.ID, k3a.ID, k3b.ID}

	tests := []struct {
		name        string
		req         core.ReminderRequest
		fee         map[string]string // invoice number → fee
		lateComp    map[string]string
		groups      int // letters shared by more than one invoice
		letters     int
		totalFees   string
		totalLateCp string
	}{
		{
			name:   "without the choice every reminder is a letter of its own with its own fee",
			req:    core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids, ChargeFee: true},
			fee:    map[string]string{"1001": "60", "1002": "60", "999": "60", "2001": "60", "3001": "60", "3002": "60"},
			groups: 0, letters: 6, totalFees: "360", totalLateCp: "0",
		},
		{
			name:   "per customer, a customer's letter charges one fee, on the invoice due first",
			req:    core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids, ChargeFee: true, PerCustomer: true},
			fee:    map[string]string{"1001": "0", "1002": "60", "999": "0", "2001": "60", "3001": "60", "3002": "0"},
			groups: 2, letters: 3, totalFees: "180", totalLateCp: "0",
		},
		{
			name: "per customer with förseningsersättning, each company invoice is charged its own and the letter no fee",
			req: core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids, ChargeFee: true,
				ChargeLateCompensation: true, PerCustomer: true},
			fee:      map[string]string{"1001": "0", "1002": "60", "999": "0", "2001": "60", "3001": "0", "3002": "0"},
			lateComp: map[string]string{"3001": "450", "3002": "450"},
			groups:   2, letters: 3, totalFees: "120", totalLateCp: "900",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := b.svc.PreviewReminders(b.ctx, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			groups := map[int64]bool{}
			for _, r := range p.Reminders {
				if r.Group != 0 {
					groups[r.Group] = true
				}
				if !r.Fee.Equal(kr(tc.fee[r.InvoiceNumber])) {
					t.Errorf("invoice %s: fee %s, want %s", r.InvoiceNumber, r.Fee, tc.fee[r.InvoiceNumber])
				}
				want := decimal.Zero
				if s, ok := tc.lateComp[r.InvoiceNumber]; ok {
					want = kr(s)
				}
				if !r.LateCompensation.Equal(want) {
					t.Errorf("invoice %s: förseningsersättning %s, want %s", r.InvoiceNumber, r.LateCompensation, want)
				}
				if !r.AmountDue.Equal(r.ClaimDue()) {
					t.Errorf("invoice %s: asks %s, its claim is %s", r.InvoiceNumber, r.AmountDue, r.ClaimDue())
				}
			}
			if len(groups) != tc.groups {
				t.Errorf("%d shared letters, want %d", len(groups), tc.groups)
			}
			if n := p.Totals.Letters[core.ChannelLetter]; n != tc.letters || p.Totals.ByChannel[core.ChannelLetter] != 6 {
				t.Errorf("%d letters for %d reminders, want %d for 6 (the 200 cap counts invoices)", n,
					p.Totals.ByChannel[core.ChannelLetter], tc.letters)
			}
			sel, err := b.svc.SelectionTotals(b.ctx, tc.req)
			if err != nil {
				t.Fatal(err)
			}
			if !sel.Fees.Equal(p.Totals.Fees) || !sel.AmountDue.Equal(p.Totals.AmountDue) {
				t.Errorf("the dialog's totals say fees %s of %s, the preview %s of %s", sel.Fees, sel.AmountDue,
					p.Totals.Fees, p.Totals.AmountDue)
			}
			if !p.Totals.Fees.Equal(kr(tc.totalFees)) || !p.Totals.LateCompensation.Equal(kr(tc.totalLateCp)) {
				t.Errorf("fees %s and förseningsersättning %s, want %s and %s", p.Totals.Fees,
					p.Totals.LateCompensation, tc.totalFees, tc.totalLateCp)
			}
		})
	}
}

// The letter's one fee goes to an invoice that may carry it: one charged
// förseningsersättning by an earlier reminder carries none (rule 6), so the next
// invoice due carries the letter's fee.
func TestTheLettersFeeSkipsAnInvoiceChargedFörseningsersättningBefore(t *testing.T) {
	b := newBook(t, core.Channels{Letter: letter.New()})
	c := b.customer("K1", true, "")
	first := b.invoice("1001", c, "2026-10-01", 1000)
	second := b.invoice("1002", c, "2026-10-05", 1000)
	if _, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: []int64{first.ID},
		ChargeLateCompensation: true, IdempotencyKey: "before"}); err != nil {
		t.Fatal(err)
	}
	res, err := b.svc.SendReminders(b.ctx, core.ReminderRequest{Type: core.ReminderManual,
		InvoiceIDs: []int64{first.ID, second.ID}, ChargeFee: true, PerCustomer: true, IdempotencyKey: "now"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]core.Reminder{}
	for _, r := range b.reminders(res.Batch.ID) { // as stored
		got[r.InvoiceNumber] = r
	}
	if got["1001"].Group == 0 || got["1001"].Group != got["1002"].Group {
		t.Errorf("groups %d and %d, want one shared letter", got["1001"].Group, got["1002"].Group)
	}
	if !got["1001"].Fee.IsZero() || !got["1002"].Fee.Equal(kr("60")) {
		t.Errorf("fees %s and %s, want 0 on 1001 (charged förseningsersättning before) and 60 on 1002",
			got["1001"].Fee, got["1002"].Fee)
	}
	if res.Totals.Letters[core.ChannelLetter] != 1 || !res.Totals.Fees.Equal(kr("60")) {
		t.Errorf("totals %+v, want one letter and one fee", res.Totals)
	}
}
