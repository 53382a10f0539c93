package core_test

import (
	"strings"
	"testing"

	"paminn/core"
)

// The company's Bankgirot agreement (Bankgirot, "OCR-referenskontroll") decides how
// entered and imported references are checked and new ones made; bankgiro and
// plusgiro numbers are checked where they are entered.
func TestTheOCRAgreementChecksEnteredAndImportedReferences(t *testing.T) {
	b := newBook(t, core.Channels{})
	c := b.customer("K1", false, "")
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Bankgiro = "5402-9682"
	if err := b.svc.SaveSettings(b.ctx, set); err == nil || !strings.Contains(err.Error(), "wrong check digit") {
		t.Errorf("a bankgiro number with a wrong check digit was saved (%v)", err)
	}
	set.Company.Bankgiro = "5402-9681"
	set.OCR = core.OCRRule{Check: core.OCRLengthDigit}
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}

	// 123455: a right check digit, a wrong length digit.
	inv := core.Invoice{Number: "A-1", CustomerID: c.ID, InvoiceDate: core.MustDate("2026-10-01"),
		DueDate: core.MustDate("2026-10-31"), Total: kr("100"), OCR: "123455"}
	if _, err := b.svc.CreateInvoice(b.ctx, inv); err == nil || !strings.Contains(err.Error(), "wrong length digit") {
		t.Errorf("an entered reference with a wrong length digit was taken (%v)", err)
	}
	csv := "number;customer_number;invoice_date;due_date;total;paid;currency;ocr\nA-2;K1;2026-10-01;2026-10-31;100;;;123455\n"
	if _, err := b.svc.ImportInvoicesCSV(b.ctx, strings.NewReader(csv)); err == nil {
		t.Error("an imported reference with a wrong length digit was taken")
	}

	set.OCR = core.OCRRule{Check: core.OCRFixedLength, Lengths: [2]int{10}}
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	inv.OCR, inv.Number = "", "1234"
	made, err := b.svc.CreateInvoice(b.ctx, inv)
	if err != nil {
		t.Fatal(err)
	}
	// 000001234 padded to 9 digits, then its Luhn digit 4.
	if made.OCR != "0000012344" {
		t.Errorf("new reference %q, want 0000012344 (10 digits, check digit)", made.OCR)
	}
}
