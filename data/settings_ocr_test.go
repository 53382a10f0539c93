package data

import (
	"testing"

	"paminn/core"
)

func TestThePlusgiroAndTheOCRAgreementAreStored(t *testing.T) {
	s := mustOpen(t)
	set := core.DefaultSettings()
	set.Company.Plusgiro = "4405-7"
	set.OCR = core.OCRRule{Check: core.OCRFixedLength, Lengths: [2]int{10, 12}}
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if got.Company.Plusgiro != "4405-7" || got.OCR.Check != core.OCRFixedLength || got.OCR.Lengths != [2]int{10, 12} {
		t.Errorf("read back %+v / %+v", got.Company, got.OCR)
	}
	// A book that never saved an agreement checks the check digit only.
	if def, _ := mustOpen(t).Settings(ctx); def.OCR.Check != core.OCRCheckDigitOnly {
		t.Errorf("default agreement %+v", def.OCR)
	}
}
