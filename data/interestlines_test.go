package data

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"pgregory.net/rapid"

	"paminn/core"
)

// TestInterestLinesTextIsTheirJSON holds interestLinesText, written out by hand, to
// encoding/json's form of the same documents, and to what interestLinesCol reads back.
func TestInterestLinesTextIsTheirJSON(t *testing.T) {
	rapid.Check(t, func(t *rapid.T) {
		date := func(label string) core.Date {
			return core.NewDate(rapid.IntRange(1990, 2100).Draw(t, label+" year"),
				time.Month(rapid.IntRange(1, 12).Draw(t, label+" month")), rapid.IntRange(1, 28).Draw(t, label+" day"))
		}
		lines := make([]core.InterestLine, rapid.IntRange(0, 4).Draw(t, "lines"))
		docs := make([]interestLineDoc, len(lines))
		for i := range lines {
			lines[i] = core.InterestLine{From: date("from"), To: date("to"), Days: rapid.IntRange(0, 4000).Draw(t, "days"),
				Rate:   decimal.New(rapid.Int64Range(-2000, 3000).Draw(t, "rate"), -rapid.Int32Range(0, 3).Draw(t, "rate exp")),
				Base:   core.FromOre(rapid.Int64Range(-1e12, 1e12).Draw(t, "base")),
				Amount: core.FromOre(rapid.Int64Range(-1e9, 1e9).Draw(t, "amount"))}
			l := lines[i]
			docs[i] = interestLineDoc{From: dateText(l.From), To: dateText(l.To), Days: l.Days, Rate: l.Rate,
				BaseOre: core.ToOre(l.Base), AmountOre: core.ToOre(l.Amount)}
		}
		got := interestLinesText(lines)
		want := ""
		if len(lines) > 0 {
			b, err := json.Marshal(docs)
			if err != nil {
				t.Fatal(err)
			}
			want = string(b)
		}
		if got != want {
			t.Fatalf("interestLinesText = %s\nencoding/json gives %s", got, want)
		}
		var back []core.InterestLine
		if err := (interestLinesCol{&back}).Scan(got); err != nil {
			t.Fatal(err)
		}
		if len(lines) == 0 {
			lines = nil
		}
		if len(back) != len(lines) {
			t.Fatalf("read back %d lines, wrote %d", len(back), len(lines))
		}
		for i := range lines {
			w, g := lines[i], back[i]
			if w.From != g.From || w.To != g.To || w.Days != g.Days || !w.Rate.Equal(g.Rate) ||
				!w.Base.Equal(g.Base) || !w.Amount.Equal(g.Amount) {
				t.Fatalf("line %d read back as %+v, wrote %+v", i, g, w)
			}
		}
	})
}
