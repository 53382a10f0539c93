package data

import (
	"encoding/json"
	"fmt"
	"strconv"

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

// interestLinesText is the stored form of a reminder's interest lines: "" for none.
// It is the JSON of []interestLineDoc, written out by hand: a batch writes 200 of
// them in its transaction, and encoding/json's reflection was most of their cost
// (TestInterestLinesTextIsTheirJSON holds the two to one form).
func interestLinesText(lines []core.InterestLine) string {
	if len(lines) == 0 {
		return ""
	}
	b := make([]byte, 0, 112*len(lines))
	b = append(b, '[')
	for i, l := range lines {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"from":"`...)
		b = append(b, dateText(l.From)...)
		b = append(b, `","to":"`...)
		b = append(b, dateText(l.To)...)
		b = append(b, `","days":`...)
		b = strconv.AppendInt(b, int64(l.Days), 10)
		b = append(b, `,"rate":"`...)
		b = append(b, l.Rate.String()...)
		b = append(b, `","base_ore":`...)
		b = strconv.AppendInt(b, core.ToOre(l.Base), 10)
		b = append(b, `,"amount_ore":`...)
		b = strconv.AppendInt(b, core.ToOre(l.Amount), 10)
		b = append(b, '}')
	}
	return string(append(b, ']'))
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
