package core

import (
	"strings"
	"unicode"
)

// normalName folds a payer's or customer's name for comparison: lower case, single
// spaces, no punctuation.
func normalName(s string) string {
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '&')
	}), " ")
}

// normalIDNumber is an organisation or personal number's last ten digits, the form
// every way of writing it shares ("556123-4567", "165561234567", "005561234567").
func normalIDNumber(s string) string {
	d := onlyDigits(s)
	if len(d) > 10 {
		d = d[len(d)-10:]
	}
	if len(d) < 10 {
		return ""
	}
	return d
}

// payers knows the book's customers by what a payment may say of its payer: the
// customer number in the message, the organisation number, the name.
type payers struct {
	byNumber map[string]int64
	byID     map[string][]int64
	byName   map[string][]int64
}

func newPayers(customers []Customer) payers {
	p := payers{byNumber: map[string]int64{}, byID: map[string][]int64{}, byName: map[string][]int64{}}
	for _, c := range customers {
		p.byNumber[c.Number] = c.ID
		if id := normalIDNumber(c.IDNumber); id != "" {
			p.byID[id] = append(p.byID[id], c.ID)
		}
		if n := normalName(c.Name); n != "" {
			p.byName[n] = append(p.byName[n], c.ID)
		}
	}
	return p
}

// evidence is the customers a payment says it comes from, each with how many things
// say so: a customer number it mentions (not as an invoice's), the payer's
// organisation number, the payer's name.
func (ps payers) evidence(p BankPayment, said []mention) map[int64]int {
	out := map[int64]int{}
	for _, m := range said {
		if id, ok := ps.customerNamed(m); ok {
			out[id]++
		}
	}
	for _, id := range ps.byID[normalIDNumber(p.PayerID)] {
		out[id]++
	}
	for _, id := range ps.byName[normalName(p.PayerName)] {
		out[id]++
	}
	return out
}

// customerNamed is the customer whose number mention m may be: any number not
// written as an invoice's or a credit note's.
func (ps payers) customerNamed(m mention) (int64, bool) {
	id, ok := ps.byNumber[m.text]
	return id, ok && m.role != roleInvoice && m.role != roleCredit
}

// lazyPayer works out a payment's payer evidence the first time a number needs it:
// most payments match by OCR number and never do.
type lazyPayer struct {
	p      BankPayment
	said   [][]mention
	payers payers
	ids    map[int64]int
}

func (l *lazyPayer) evidence() map[int64]int {
	if l.ids == nil {
		var all []mention
		for _, s := range l.said {
			all = append(all, s...)
		}
		l.ids = l.payers.evidence(l.p, all)
	}
	return l.ids
}
