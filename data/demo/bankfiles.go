package demo

import (
	"os"
	"path/filepath"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
)

// The demo's bank files, written beside the demo book when it is created.
const (
	BGMaxFileName   = "bankgirot-bgmax.txt"
	Camt054FileName = "bank-camt054.xml"
)

// unknownOCR is a valid OCR reference that no demo invoice carries.
const unknownOCR = "99887766554"

// BankFiles returns a BGMax file from Bankgirot and a camt.054 file from the bank for
// the book spec describes, into bankgiro, both dated the day before spec.Today. They
// pay overdue invoices of the book in every way the import shows: in full, in part
// and too much (by OCR), by the invoice number in the message, by amount and payer
// name only (a suggestion to confirm), a payment matching nothing, and payments of
// invoices with Amili; the BGMax file also holds a deduction. The same Spec always
// gives the same files.
func BankFiles(spec Spec, bankgiro string) (bgmax, camt []byte) {
	customers, invs := Generate(spec)
	names := map[string]string{}
	for _, c := range customers {
		names[c.Number] = c.Name
	}
	var open, amili []core.ImportInvoice
	for _, inv := range invs {
		if !inv.IsOverdue(spec.Today) {
			continue
		}
		if inv.AmiliState != core.AmiliNone {
			if inv.ReportsPaymentsToAmili() { // a payment is reported to Amili
				amili = append(amili, inv)
			}
		} else if inv.Paid.IsZero() {
			open = append(open, inv)
		}
	}
	if len(open) < 10 || len(amili) < 2 {
		return nil, nil // a book too small to show every case
	}
	paid := spec.Today.AddDays(-1)
	pay := func(inv core.ImportInvoice, amount decimal.Decimal) core.BankPayment {
		return core.BankPayment{Date: paid, Amount: amount, Reference: inv.OCR, PayerName: names[inv.CustomerNumber]}
	}
	half := func(inv core.ImportInvoice) decimal.Decimal {
		return core.RoundOre(inv.Balance().Div(decimal.NewFromInt(2)))
	}
	byNumber := pay(open[3], open[3].Balance())
	byNumber.Reference, byNumber.Message = "", "Faktura "+open[3].Number
	byName := pay(open[4], open[4].Balance())
	byName.Reference = ""
	bg := []core.BankPayment{
		pay(open[0], open[0].Balance()),
		pay(open[1], half(open[1])),
		pay(open[2], open[2].Balance().Add(decimal.NewFromInt(150))),
		byNumber,
		byName,
		{Date: paid, Amount: decimal.NewFromInt(1250), Reference: unknownOCR, PayerName: "Okänd Betalare"},
		pay(amili[0], amili[0].Balance()),
		{Date: paid, Amount: decimal.NewFromInt(-100), Reference: "KREDITNOTA 7", PayerName: names[open[0].CustomerNumber]},
	}
	created := spec.Today.Time().Add(6 * time.Hour)
	bgmax = bankfile.WriteBGMax(created, bankgiro, []bankfile.Deposit{{Date: paid, Serial: 1, Payments: bg}})

	byText := pay(open[6], half(open[6]))
	byText.Reference, byText.Message = "", "Avser faktura "+open[6].Number
	cm := []core.BankPayment{
		pay(open[5], open[5].Balance()),
		byText,
		pay(open[7], open[7].Balance().Add(decimal.NewFromInt(300))),
		{Date: paid, Amount: decimal.NewFromInt(480), Message: "Medlemsavgift", PayerName: "Föreningen Okänd"},
		pay(amili[1], half(amili[1])),
		pay(open[0], open[0].Balance()), // in the BGMax file too: once that is registered, recognised as the same payment
	}
	for i := range cm {
		cm[i].Key = "DEMO-" + paid.String() + "-" + string(rune('A'+i))
	}
	camt = bankfile.WriteCamt054(created, "DEMO-"+paid.String(), bankgiro, cm)
	return bgmax, camt
}

// writeBankFiles writes the demo's bank files into dir.
func writeBankFiles(dir string, spec Spec, bankgiro string) error {
	bgmax, camt := BankFiles(spec, bankgiro)
	if bgmax == nil {
		return nil
	}
	if err := os.WriteFile(filepath.Join(dir, BGMaxFileName), bgmax, 0o600); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, Camt054FileName), camt, 0o600)
}
