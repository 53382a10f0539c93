package data

import (
	"encoding/json"
	"fmt"

	"github.com/shopspring/decimal"

	"paminn/core"
)

// interestLineDoc is the stored form of one core.InterestLine, with keys fixed here.
type interestLineDoc struct {
	From      string          `json:"from"`
	To        string          `json:"to"`
	Days      int             `json:"days"`
	Rate      decimal.Decimal `json:"rate"`
	BaseOre   int64           `json:"base_ore"`
	AmountOre int64           `json:"amount_ore"`
}

// interestLinesText is the stored form of a reminder's interest lines: ” for none.
func interestLinesText(lines []core.InterestLine) string {
	if len(lines) == 0 {
		return ""
	}
	docs := make([]interestLineDoc, len(lines))
	for i, l := range lines {
		docs[i] = interestLineDoc{From: dateText(l.From), To: dateText(l.To), Days: l.Days, Rate: l.Rate,
			BaseOre: core.ToOre(l.Base), AmountOre: core.ToOre(l.Amount)}
	}
	b, err := json.Marshal(docs)
	if err != nil {
		panic(err) // cannot happen: the document has only strings and numbers
	}
	return string(b)
}

// interestLinesCol scans the stored form back.
type interestLinesCol struct{ lines *[]core.InterestLine }

func (c interestLinesCol) Scan(v any) error {
	s, err := text(v)
	if err != nil || s == "" {
		*c.lines = nil
		return err
	}
	var docs []interestLineDoc
	if err := json.Unmarshal([]byte(s), &docs); err != nil {
		return fmt.Errorf("stored interest lines: %w", err)
	}
	lines := make([]core.InterestLine, len(docs))
	for i, d := range docs {
		from, ok1 := parseDate(d.From)
		to, ok2 := parseDate(d.To)
		if !ok1 || !ok2 {
			return fmt.Errorf("stored interest line dates %q–%q are not YYYY-MM-DD", d.From, d.To)
		}
		lines[i] = core.InterestLine{From: from, To: to, Days: d.Days, Rate: d.Rate,
			Base: core.FromOre(d.BaseOre), Amount: core.FromOre(d.AmountOre)}
	}
	*c.lines = lines
	return nil
}
