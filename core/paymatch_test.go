package core

import (
	"strconv"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// matchBook is a small book for matching, in memory: customer numbers and invoice
// numbers from the same series, as small businesses number them, so a customer
// number is often also some other customer's invoice number.
type matchBook struct {
	customers []Customer
	invoices  []Invoice
}

func (b *matchBook) matcher() *matcher {
	return newMatcher(PaymentLookups{Invoices: b.invoices, Registered: map[string]bool{}}, newPayers(b.customers), b.customers, nil, nil, PayCostsFirst)
}

// numberOf returns the invoice numbers a payment pays, joined, and how it matched.
func (b *matchBook) match(p BankPayment) (string, MatchKind) {
	targets, how := b.matcher().find(p, PaymentChoice{})
	var out []string
	for _, t := range targets {
		out = append(out, t.inv.Number)
	}
	return strings.Join(out, ","), how
}

func sampleMatchBook() *matchBook {
	b := &matchBook{customers: []Customer{
		{ID: 1, Number: "567", Name: "Berg & Co AB", IDNumber: "556123-4567"},
		{ID: 2, Number: "1002", Name: "Dahl Bygg AB", IDNumber: "556987-6543"},
		{ID: 3, Number: "890", Name: "Ek Café"},
	}}
	for i, x := range []struct {
		number   string
		customer int64
	}{{"1234", 1}, {"1002", 3}, {"567", 3}, {"2001", 2}, {"A-77", 1}} {
		b.invoices = append(b.invoices, Invoice{ID: int64(i + 1), Number: x.number, CustomerID: x.customer, Total: decimal.NewFromInt(1000)})
	}
	return b
}

// References as payers write them, after the examples of references in Bankgirot's
// "Bankgiro Inbetalningar" manuals (an invoice number or a customer number as the
// payer's reference) and the forms a company's customers use in their messages.
// Invoice 1002 is Ek Café's, and 1002 is also Dahl Bygg's customer number; invoice
// 567 is Ek Café's, and 567 is also Berg & Co's customer number.
func TestAnInvoiceNumberIsMatchedOnlyWhenThePayerAgreesOrNothingIsAmbiguous(t *testing.T) {
	b := sampleMatchBook()
	for _, c := range []struct {
		name       string
		p          BankPayment
		want       string
		wantNumber bool
	}{
		{"the word Faktura and the number", BankPayment{Message: "Faktura 1234"}, "1234", true},
		{"no space after a colon", BankPayment{Message: "Faktura:1234"}, "1234", true},
		{"a letter glued to the number", BankPayment{Reference: "F1234"}, "1234", true},
		{"an abbreviation glued to the number", BankPayment{Message: "Fakt1234"}, "1234", true},
		{"an invoice number with a letter of its own", BankPayment{Message: "avser A-77"}, "A-77", true},
		{"invoice and customer number with a slash", BankPayment{Reference: "1234/567"}, "1234", true},
		{"customer and invoice number with a slash", BankPayment{Message: "567/1234"}, "1234", true},
		{"kund before the customer number", BankPayment{Message: "Kund 1002 faktura 2001"}, "2001", true},
		{"kundnr and fakturanr with dots and commas", BankPayment{Message: "Fakturanr. 1234, kundnr. 567"}, "1234", true},
		{"kund nr glued", BankPayment{Message: "kundnr567 fakt 1234"}, "1234", true},
		{"an invoice number the payer's name agrees with", BankPayment{Message: "Faktura 1002", PayerName: "EK CAFÉ"}, "1002", true},
		{"only a customer number, which is another customer's invoice number", BankPayment{Message: "Kundnr 1002"}, "", false},
		{"only a customer number glued to kund", BankPayment{Reference: "Kund1002"}, "", false},
		{"a number that is the payer's customer number and another's invoice", BankPayment{Message: "1002", PayerName: "Dahl Bygg AB"}, "", false},
		{"a bare number that is both a customer's and an invoice's", BankPayment{Message: "1002"}, "", false},
		{"an invoice of another customer than the payer's organisation number", BankPayment{Message: "1234", PayerID: "165569876543"}, "", false},
		{"invoices of two customers with nothing saying who pays", BankPayment{Message: "Avser fakturorna 1234 och 2001"}, "", false},
		{"a credit note's number", BankPayment{Message: "Faktura 2001 minus kreditfaktura 1234", PayerName: "Dahl Bygg AB"}, "2001", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, how := b.match(c.p)
			if got != c.want || (how == MatchNumber) != c.wantNumber {
				t.Errorf("%+v pays %q (%s), want %q", c.p, got, how, c.want)
			}
		})
	}
}

// Whatever a payer writes about themselves and their own invoices, and whatever
// numbers the book's customers and invoices have (drawn from one small series, so
// they collide), a payment matched by number pays only the payer's own invoices; and
// an invoice the payer names with the word "Faktura" is found.
func TestAPaymentMatchedByNumberNeverPaysAnotherCustomersInvoice(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		number := rapid.Map(rapid.IntRange(1, 40), strconv.Itoa)
		b := &matchBook{}
		nc := rapid.IntRange(2, 5).Draw(t, "customers")
		usedC := map[string]bool{}
		for i := 1; i <= nc; i++ {
			n := number.Filter(func(s string) bool { return !usedC[s] }).Draw(t, "customer number")
			usedC[n] = true
			b.customers = append(b.customers, Customer{ID: int64(i), Number: n, Name: "Kund " + strconv.Itoa(i)})
		}
		usedI := map[string]bool{}
		for i := 1; i <= rapid.IntRange(1, 8).Draw(t, "invoices"); i++ {
			n := number.Filter(func(s string) bool { return !usedI[s] }).Draw(t, "invoice number")
			usedI[n] = true
			b.invoices = append(b.invoices, Invoice{ID: int64(i), Number: n, CustomerID: int64(rapid.IntRange(1, nc).Draw(t, "owner")),
				Total: decimal.NewFromInt(100)})
		}
		payer := b.customers[rapid.IntRange(0, nc-1).Draw(t, "payer")]
		var own []string
		for _, inv := range b.invoices {
			if inv.CustomerID == payer.ID {
				own = append(own, inv.Number)
			}
		}
		invoiceNo := ""
		if len(own) > 0 && rapid.Bool().Draw(t, "names an invoice") {
			invoiceNo = rapid.SampledFrom(own).Draw(t, "invoice")
		}
		forms := []string{"Faktura %I kund %C", "%I/%C", "Kundnr: %C, fakturanr: %I", "F%I kund%C", "kund %C", "Fakt%I", "Faktura:%I"}
		form := rapid.SampledFrom(forms).Draw(t, "form")
		text := strings.NewReplacer("%I", invoiceNo, "%C", payer.Number).Replace(form)
		p := BankPayment{Message: text, Amount: decimal.NewFromInt(100)}
		if rapid.Bool().Draw(t, "payer named") {
			p.PayerName = payer.Name
		}
		targets, how := b.matcher().find(p, PaymentChoice{})
		for _, tg := range targets {
			if how == MatchNumber && tg.inv.CustomerID != payer.ID {
				t.Fatalf("%q from %s pays invoice %s of customer %d", text, payer.Number, tg.inv.Number, tg.inv.CustomerID)
			}
		}
		if invoiceNo != "" && strings.Contains(strings.ToLower(form), "fakt") && (how != MatchNumber || targets[0].inv.Number != invoiceNo) {
			t.Fatalf("%q from %s (%q) does not find invoice %s", text, payer.Number, p.PayerName, invoiceNo)
		}
	})
}

func TestMentionsReadNumbersTheWayPayersWriteThem(t *testing.T) {
	for in, want := range map[string]string{
		"Faktura:1234":             "1234:invoice",
		"F1234":                    "F1234:unsaid 1234:invoice",
		"Fakt1234 kund 56":         "Fakt1234:unsaid 1234:invoice 56:customer",
		"1234/567":                 "1234:unsaid 567:unsaid",
		"Kundnr. 567":              "567:customer",
		"kund nr 567":              "567:customer",
		"Avser faktura nr 2026-15": "2026-15:invoice",
	} {
		var got []string
		for _, m := range mentions(in) {
			got = append(got, m.text+":"+[]string{"unsaid", "invoice", "customer", "credit"}[m.role])
		}
		if strings.Join(got, " ") != want {
			t.Errorf("mentions(%q) = %v, want %s", in, got, want)
		}
	}
}

// A BGMax payment's extra references (record 22) with amounts pay each invoice that
// part; the payment's own reference takes the rest, which a deducted credit note
// (record 23) has already made smaller.
func TestRecord22AmountsCapEachInvoicesSplit(t *testing.T) {
	b := sampleMatchBook()
	m := b.matcher()
	p := BankPayment{Key: "k", Amount: decimal.NewFromInt(1300), Reference: "Faktura 1234", PayerName: "Berg & Co AB",
		Extra: []string{"A-77"}, ExtraAmounts: []decimal.Decimal{decimal.NewFromInt(600)},
		Deducted: []DeductedCredit{{Reference: "KF 9", Amount: decimal.NewFromInt(300)}}}
	r := m.row(p, PaymentChoice{})
	if len(r.Splits) != 2 || !r.Splits[0].Applied.Equal(decimal.NewFromInt(700)) || !r.Splits[1].Applied.Equal(decimal.NewFromInt(600)) {
		t.Fatalf("splits %+v", r.Splits)
	}
	if r.Outcome != OutcomePartly || !r.Credit.IsZero() {
		t.Errorf("outcome %s, credit %s", r.Outcome, r.Credit)
	}
}
