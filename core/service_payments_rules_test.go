package core_test

import (
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/bankfile"
)

func (b *payBook) camt(pays ...core.BankPayment) []byte {
	return bankfile.WriteCamt054(time.Date(2026, 11, 25, 6, 0, 0, 0, time.UTC), "M1", "5050-1055", pays)
}

func (b *payBook) register(imp core.PaymentImport) core.PaymentImportResult {
	b.t.Helper()
	res, err := b.svc.RegisterPayments(b.ctx, imp)
	if err != nil {
		b.t.Fatal(err)
	}
	return res
}

// The demo ships one payment in both its BGMax and its camt.054 file, as a bank
// that sends both does. Registered from one, it is recognised in the other (same
// receiving account, payment date, amount and reference) and never registered again,
// nor kept as a credit; a second, equal payment in the second file is still new.
func TestAPaymentRegisteredFromAnotherFileIsRecognisedAndNotRegisteredAgain(t *testing.T) {
	b := newPayBook(t)
	same := core.BankPayment{Date: payDate, Amount: kr("1000"), Reference: b.ocr("1001"), PayerName: "Kund K1"}
	b.register(b.preview("bgmax.txt", b.bgmax(same, core.BankPayment{Amount: kr("400"), Reference: b.ocr("1002")})))

	inCamt := same
	inCamt.Key = "E1"
	again := b.preview("camt.xml", b.camt(inCamt))
	if got := outcomes(again); got != "elsewhere" {
		t.Fatalf("outcomes = %s, want the payment recognised as registered from the BGMax file", got)
	}
	if !again.NothingNew() {
		t.Error("the camt.054 file says there is something new")
	}
	if _, err := b.svc.RegisterPayments(b.ctx, again); core.ErrorCodeOf(err) != core.ECONFLICT {
		t.Errorf("registering it again: %v", err)
	}
	credits, err := b.svc.CustomerCredits(b.ctx)
	if err != nil || len(credits) != 0 {
		t.Errorf("credits %v (%v), want none", credits, err)
	}

	twice := inCamt
	twice.Key = "E2"
	both := b.preview("camt2.xml", b.camt(inCamt, twice))
	if got := outcomes(both); got != "elsewhere already_paid" {
		t.Errorf("outcomes = %s: the second equal payment is a payment of its own", got)
	}
}

// Record 23 of the Technical Manual is a credit note the payer deducted: its number
// (here the number of invoice 1002, as credit notes often share the invoices'
// series) is no invoice paid, and the payment's money goes to the invoice it names.
func TestACreditNoteDeductedInABGMaxFilePaysNoInvoice(t *testing.T) {
	b := newPayBook(t)
	p := core.BankPayment{Amount: kr("800"), Reference: b.ocr("1001"),
		Deducted: []core.DeductedCredit{{Reference: "1002", Amount: kr("200")}}}
	imp := b.preview("bgmax.txt", b.bgmax(p))
	r := imp.Rows[0]
	if r.Outcome != core.OutcomePartly || len(r.Splits) != 1 || r.Splits[0].Invoice.Number != "1001" || !r.Applied.Equal(kr("800")) {
		t.Fatalf("row %+v", r)
	}
	if len(r.Payment.Deducted) != 1 || r.Payment.Deducted[0].Reference != "1002" {
		t.Errorf("deducted %+v", r.Payment.Deducted)
	}
}

// Issue 25: a 30-digit amount in a camt.054 file is refused with the line named,
// never previewed or stored as another number.
func TestAHugeAmountInABankFileIsRefusedBeforeItIsUsed(t *testing.T) {
	b := newPayBook(t)
	file := strings.Replace(string(b.camt(core.BankPayment{Key: "E1", Date: payDate, Amount: kr("10"), Reference: b.ocr("1001")})),
		">10.00<", ">"+strings.Repeat("9", 28)+".00<", 2)
	_, err := b.svc.PreviewPaymentFile(b.ctx, "huge.xml", []byte(file))
	if core.ErrorCodeOf(err) != core.EINVALID || !strings.Contains(err.Error(), "huge.xml, line 10: 9999") || !strings.Contains(err.Error(), "too large an amount") {
		t.Fatalf("err = %v", err)
	}
}

// A BGMax file's skipped records and other oddities reach the preview.
func TestThePreviewCarriesTheFilesNotes(t *testing.T) {
	b := newPayBook(t)
	file := string(b.bgmax(core.BankPayment{Amount: kr("1000"), Reference: b.ocr("1001")}))
	lines := strings.SplitAfter(file, "\r\n")
	lines = append(lines[:3], append([]string{"99" + strings.Repeat(" ", 78) + "\r\n"}, lines[3:]...)...)
	imp := b.preview("bgmax.txt", []byte(strings.Join(lines, "")))
	if len(imp.File.Notes) != 1 || !strings.Contains(imp.File.Notes[0].Text(), "type 99") || !imp.File.Total.Equal(decimal.NewFromInt(1000)) {
		t.Errorf("notes %+v", imp.File.Notes)
	}
}
