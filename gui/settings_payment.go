package gui

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// paymentFields are the settings that say how customers pay: the plusgiro number
// beside the bankgiro, and the Bankgirot OCR agreement new references are made by
// and entered ones checked by.
type paymentFields struct {
	plusgiro *widget.Entry
	ocrCheck *widget.Select
	lengths  *widget.Entry  // the fixed lengths, "10" or "10, 12"
	order    *widget.Select // how payments are allocated over a claim
}

// The allocation orders the select offers, in core.PaymentOrders' order.
var paymentOrders = []struct {
	name  string
	order core.PaymentOrder
}{
	{"Costs and interest first", core.PayCostsFirst},
	{"The invoice amount first", core.PayPrincipalFirst},
}

// The OCR agreements the select offers, in its order.
var ocrChecks = []struct {
	name  string
	check core.OCRCheck
}{
	{"Check digit only", core.OCRCheckDigitOnly},
	{"Check digit and length digit (variable length)", core.OCRLengthDigit},
	{"Check digit and fixed length", core.OCRFixedLength},
}

func newPaymentFields(bankgiro *widget.Entry) *paymentFields {
	f := &paymentFields{plusgiro: widget.NewEntry(), lengths: widget.NewEntry()}
	names := make([]string, len(ocrChecks))
	for i, c := range ocrChecks {
		names[i] = lang.L(c.name)
	}
	f.ocrCheck = widget.NewSelect(names, f.onCheckChanged)
	orders := make([]string, len(paymentOrders))
	for i, o := range paymentOrders {
		orders[i] = lang.L(o.name)
	}
	f.order = widget.NewSelect(orders, nil)
	f.lengths.SetPlaceHolder(lang.L("Digits, e.g. 10 or 10, 12"))
	f.lengths.Disable()
	// Checked where they are typed, in the user's language.
	bankgiro.Validator = translated(core.CheckBankgiro)
	f.plusgiro.Validator = translated(core.CheckPlusgiro)
	return f
}

// translated makes a core check a field validator whose message is translated.
func translated(check func(string) error) func(string) error {
	return func(s string) error {
		if err := check(strings.TrimSpace(s)); err != nil {
			return errors.New(errorText(err))
		}
		return nil
	}
}

// items are the fields as rows of the company form.
func (f *paymentFields) items() []*widget.FormItem {
	return []*widget.FormItem{
		widget.NewFormItem(lang.L("Plusgiro"), f.plusgiro),
		widget.NewFormItem(lang.L("OCR agreement (Bankgirot)"), f.ocrCheck),
		widget.NewFormItem(lang.L("OCR fixed lengths"), f.lengths),
		widget.NewFormItem(lang.L("Payments settle"), f.order),
	}
}

func (f *paymentFields) onCheckChanged(string) {
	if i := f.ocrCheck.SelectedIndex(); i >= 0 && ocrChecks[i].check == core.OCRFixedLength {
		f.lengths.Enable()
	} else {
		f.lengths.Disable()
	}
}

// show fills the fields from set.
func (f *paymentFields) show(set core.Settings) {
	f.plusgiro.SetText(set.Company.Plusgiro)
	f.ocrCheck.SetSelectedIndex(0)
	for i, c := range ocrChecks {
		if c.check == set.OCR.Check {
			f.ocrCheck.SetSelectedIndex(i)
		}
	}
	f.order.SetSelectedIndex(0)
	for i, o := range paymentOrders {
		if o.order == set.PaymentOrder {
			f.order.SetSelectedIndex(i)
		}
	}
	lengths := set.OCR.FixedLengths()
	parts := make([]string, len(lengths))
	for i, n := range lengths {
		parts[i] = strconv.Itoa(n)
	}
	f.lengths.SetText(strings.Join(parts, ", "))
}

// read puts the fields into set, after its Company is filled.
func (f *paymentFields) read(set *core.Settings) error {
	set.Company.Plusgiro = strings.TrimSpace(f.plusgiro.Text)
	set.Company.Bankgiro = strings.TrimSpace(set.Company.Bankgiro)
	if i := f.order.SelectedIndex(); i >= 0 {
		set.PaymentOrder = paymentOrders[i].order
	}
	set.OCR = core.OCRRule{}
	if i := f.ocrCheck.SelectedIndex(); i >= 0 {
		set.OCR.Check = ocrChecks[i].check
	}
	if set.OCR.Check != core.OCRFixedLength {
		return nil
	}
	parts := strings.FieldsFunc(f.lengths.Text, func(r rune) bool { return r == ',' || r == ' ' || r == ';' })
	if len(parts) > len(set.OCR.Lengths) {
		return core.Errorf(core.EINVALID, "An OCR agreement with fixed length names one or two lengths", nil)
	}
	for i, part := range parts {
		n, err := parseWhole(part, "OCR fixed lengths")
		if err != nil {
			return err
		}
		set.OCR.Lengths[i] = n
	}
	return nil
}
