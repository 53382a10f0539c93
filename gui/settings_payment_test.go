package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

// A bankgiro number is 7–8 digits ending in a modulus-10 check digit (Bankgirot):
// 5402-9682 (the example) fails where it is typed and is not saved; the OCR
// agreement (Bankgirot, "OCR-referenskontroll") is saved with its fixed length.
func TestTheSettingsCheckTheGiroNumbersAndKeepTheOCRAgreement(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	s := m.settings
	waitFor(t, "the settings", func() bool { return s.fee.Text != "" })

	s.bankgiro.SetText("5402-9682")
	if err := s.bankgiro.Validate(); err == nil || err.Error() != "Bankgironumret 5402-9682 har fel kontrollsiffra; jämför med avtalet" {
		t.Errorf("typed bankgiro: %v", err)
	}
	test.Tap(s.saveBtn)
	waitFor(t, "the error", func() bool {
		top := m.Window.Canvas().Overlays().Top()
		return top != nil && contains(labelTexts(top), "Bankgironumret 5402-9682 har fel kontrollsiffra; jämför med avtalet")
	})
	m.Window.Canvas().Overlays().Top().Hide()

	s.bankgiro.SetText("5402-9681")
	s.payment.plusgiro.SetText("4405-7")
	s.payment.ocrCheck.SetSelectedIndex(2)
	if s.payment.lengths.Disabled() {
		t.Error("the fixed lengths stay disabled under a fixed-length agreement")
	}
	s.payment.lengths.SetText("10")
	test.Tap(s.saveBtn)
	waitFor(t, "the save", func() bool {
		set, err := book.Service.Settings(context.Background())
		return err == nil && set.Company.Bankgiro == "5402-9681"
	})
	set, _ := book.Service.Settings(context.Background())
	if set.Company.Plusgiro != "4405-7" || set.OCR.Check != core.OCRFixedLength || set.OCR.Lengths != [2]int{10} {
		t.Errorf("saved %+v / %+v", set.Company, set.OCR)
	}
}

// The order payments settle a claim in (core/RULES.md, "Allocation of payments") is
// a setting: costs first for a book that never chose, the invoice amount first once
// the owner picks it, and picking it is an unsaved change until saved.
func TestTheSettingsChooseTheOrderPaymentsSettleAClaimIn(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	s := m.settings
	waitFor(t, "the settings", func() bool { return s.fee.Text != "" })
	if got := s.payment.order.Selected; got != "Avgifter och ränta först" {
		t.Errorf("a new book shows %q", got)
	}
	s.payment.order.SetSelectedIndex(1)
	if s.unsaved.Text == "" {
		t.Error("choosing another order is not shown as unsaved")
	}
	test.Tap(s.saveBtn)
	waitFor(t, "the save", func() bool {
		set, err := book.Service.Settings(context.Background())
		return err == nil && set.PaymentOrder == core.PayPrincipalFirst
	})
}
