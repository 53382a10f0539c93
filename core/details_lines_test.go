package core

import (
	"testing"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"
)

// drawParts is four amounts in öre between −5 000 kr and 5 000 kr.
func drawParts(t *rapid.T, label string) Parts {
	ore := func(name string) decimal.Decimal {
		return decimal.New(rapid.Int64Range(-500000, 500000).Draw(t, label+" "+name), -2)
	}
	return Parts{ore("principal"), ore("fee"), ore("compensation"), ore("interest")}
}

// An invoice's claim lines hold every entry, payment and credit note once, in date
// order after the amount invoiced, and what remains is their sum, part by part: the
// invoice's total, plus the entries, less the money in.
func TestTheClaimLinesHoldEveryRecordOnceAndAddUpToWhatRemains(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		day := func(label string) Date { return MustDate("2026-01-01").AddDays(rapid.IntRange(0, 60).Draw(t, label)) }
		d := InvoiceDetails{Invoice: Invoice{InvoiceDate: MustDate("2025-12-31"),
			Total: decimal.New(rapid.Int64Range(1, 10000000).Draw(t, "total"), -2)}}
		want := Parts{Principal: d.Invoice.Total}.Add(ZeroParts)
		kinds := []EntryKind{EntryCharge, EntryWaiver, EntryCreditNote}
		for i := range rapid.IntRange(0, 6).Draw(t, "entries") {
			e := ClaimEntry{Kind: rapid.SampledFrom(kinds).Draw(t, "kind"), Date: day("entry date"), Parts: drawParts(t, "entry")}
			e.ID = int64(i + 1)
			d.Entries = append(d.Entries, e)
			want = want.Add(e.Parts)
		}
		for i := range rapid.IntRange(0, 6).Draw(t, "payments") {
			p := PaymentRecord{ID: int64(i + 1), Kind: PaymentMoney, Date: day("payment date"), Parts: drawParts(t, "payment")}
			p.Amount = p.Parts.Sum()
			if p.Amount.IsZero() {
				continue // a payment of nothing is not in a book
			}
			d.Payments = append(d.Payments, p)
			want = want.Add(p.Parts.Neg())
		}
		lines := d.ClaimLines()
		if len(lines) != 1+len(d.Entries)+len(d.Payments) || lines[0].Kind != LineInvoiced {
			t.Fatalf("%d lines for %d entries and %d payments", len(lines), len(d.Entries), len(d.Payments))
		}
		for i := 2; i < len(lines); i++ {
			if lines[i].Date.Before(lines[i-1].Date) {
				t.Fatalf("line %d (%s) before line %d (%s)", i, lines[i].Date, i-1, lines[i-1].Date)
			}
		}
		got := d.Remaining()
		for _, pair := range [][2]decimal.Decimal{{got.Principal, want.Principal}, {got.Fee, want.Fee},
			{got.Compensation, want.Compensation}, {got.Interest, want.Interest}} {
			if !pair[0].Equal(pair[1]) {
				t.Fatalf("remaining %+v, want %+v", got, want)
			}
		}
	})
}
