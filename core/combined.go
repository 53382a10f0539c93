package core

import (
	"strings"

	"github.com/shopspring/decimal"
)

// This file is the rule of one letter per customer (issue 22; core/RULES.md, "One
// letter per customer"): with ReminderRequest.PerCustomer the reminders of one
// customer in a batch share one letter or e-mail, each invoice keeping its own
// reminder (and its own claim), and the letter charges one reminder fee at most.

// letterKey is what the reminders sharing one letter have in common: the customer,
// the channel (a letter or an e-mail) and the day to pay by, which the letter states
// once. A field a letter states once for all its invoices belongs here.
type letterKey struct {
	customer int64
	channel  Channel
	payBy    Date
	step     int // the plan's step (0 outside the plan): one letter is one step's
}

// groupLetters gives each set of two or more of rs that share a letterKey a Group of
// its own, numbered from 1 in the order the request names them, and keeps one
// reminder fee per letter (lag 1981:739 2 and 4 §§, as RULES.md reads them): the
// fee stays on the letter's first invoice that carries one (feeCarrier) and the
// others of the letter charge none. cs are rs's invoices, in the same order. A
// hand-over to Amili is never grouped: Amili delivers and charges itself (rule 4);
// nor is an inkassokrav, and a letter holds one step of the plan.
func groupLetters(rs []Reminder, cs []Candidate) {
	var order []letterKey
	members := map[letterKey][]int{}
	for i := range rs {
		if !rs[i].Channel.WritesLetter() || rs[i].Action.IsCollectionDemand() {
			continue // an inkassokrav states one claim's demand (inkassolagen 5 §): a letter of its own
		}
		k := letterKey{customer: cs[i].Invoice.CustomerID, channel: rs[i].Channel, payBy: rs[i].NewDueDate, step: rs[i].Step}
		if _, ok := members[k]; !ok {
			order = append(order, k)
		}
		members[k] = append(members[k], i)
	}
	group := int64(0)
	for _, k := range order {
		idx := members[k]
		if len(idx) < 2 {
			continue
		}
		group++
		carrier := feeCarrier(idx, rs, cs)
		for _, i := range idx {
			rs[i].Group = group
			if i != carrier && rs[i].Fee.IsPositive() {
				rs[i].Fee = decimal.Zero
				rs[i].AmountDue = rs[i].ClaimDue()
			}
		}
	}
}

// feeCarrier is which of the letter's reminders idx carries its one fee: of those
// the fee rules let charge one on their own (a fee agreed, no förseningsersättning on
// the invoice, rule 6), the one whose invoice fell due first, then by invoice number
// (a shorter number first, as numbers count); -1 when none may.
func feeCarrier(idx []int, rs []Reminder, cs []Candidate) int {
	carrier := -1
	for _, i := range idx {
		if !rs[i].Fee.IsPositive() {
			continue
		}
		if carrier < 0 || dueFirst(&cs[i].Invoice, &cs[carrier].Invoice) {
			carrier = i
		}
	}
	return carrier
}

// dueFirst orders invoices by due date, then by number as numbers count ("999"
// before "1002"), then by text.
func dueFirst(a, b *Invoice) bool {
	if a.DueDate != b.DueDate {
		return a.DueDate.Before(b.DueDate)
	}
	if len(a.Number) != len(b.Number) {
		return len(a.Number) < len(b.Number)
	}
	return strings.Compare(a.Number, b.Number) < 0
}

// countLetters counts the letters and e-mails rs go as, by channel: the reminders of
// one Group are one letter.
func countLetters(rs []Reminder) map[Channel]int {
	n := map[Channel]int{}
	seen := map[int64]bool{}
	for i := range rs {
		if g := rs[i].Group; g != 0 {
			if seen[g] {
				continue
			}
			seen[g] = true
		}
		n[rs[i].Channel]++
	}
	return n
}

// feeLetters are the letters of a selection that carry a fee so far, for
// SelectionTotals: one fee per letter, as groupLetters leaves it.
type feeLetters map[letterKey]bool

// takesFee says whether candidate c's fee counts in a selection's totals under req:
// always for a letter of its own; with PerCustomer, only the first fee of its
// customer's letter by its channel (the day to pay by is the batch's for all).
func (f *feeLetters) takesFee(c *Candidate, req ReminderRequest) bool {
	if !req.PerCustomer || !c.Fee.IsPositive() {
		return true
	}
	ch, ok := c.channelFor(req.Type, req.Prefer)
	if !ok || !ch.WritesLetter() {
		return true
	}
	if *f == nil {
		*f = feeLetters{}
	}
	k := letterKey{customer: c.Invoice.CustomerID, channel: ch}
	if (*f)[k] {
		return false
	}
	(*f)[k] = true
	return true
}
