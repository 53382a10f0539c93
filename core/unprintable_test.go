package core_test

import (
	"testing"

	"paminn/core"
)

// Issue 25, point 10: what the letters cannot print is said before sending, naming it.
// (The delivery book's writer is letter.New, Helvetica alone, which prints Windows-1252
// only; main.go's prints Polish, Cyrillic and Vietnamese too, see data/letter.)
func TestTheUserIsToldWhatALettersFontsCannotPrint(t *testing.T) {
	b := newDeliveryBook(t)
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Name = "Bageri Łódź AB"
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	polish := b.customer("K1", true, "")
	polish.Name = "Łukasz Żółkiewski"
	if polish, err = b.svc.SaveCustomer(b.ctx, polish); err != nil {
		t.Fatal(err)
	}
	swedish := b.customer("K2", true, "")
	invs := []core.Invoice{b.invoice("1001", polish, "2026-10-27", 1000), b.invoice("1002", swedish, "2026-10-27", 1000)}
	ids := []int64{invs[0].ID, invs[1].ID}
	tests := []struct {
		name string
		typ  core.ReminderType
		want []core.UnprintableText
	}{
		{"a manual batch names the company's and each customer's", core.ReminderManual,
			[]core.UnprintableText{{Text: "Bageri Łódź AB"}, {InvoiceNumber: "1001", Text: "Łukasz Żółkiewski"}}},
		{"a batch through Amili has no letters", core.ReminderAmili, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.svc.UnprintableInLetters(b.ctx, tt.typ, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %+v, want %+v", got, tt.want)
				}
			}
		})
	}
}
