package gui

import (
	"strings"

	"fyne.io/fyne/v2/lang"

	"paminn/core"
)

// introText says what Skapa räntefakturor lists and what a räntefaktura will be.
func introText(c core.InterestCandidates) string {
	text := lang.L("Invoices paid after their due date, with the interest from the day after a reminder last charged interest (or after the due date) to the day they were paid. Each one ticked gets a räntefaktura, an ordinary invoice due {{.Due}}.",
		map[string]any{"Due": formatDate(c.DueDate)})
	if len(c.Candidates) == 0 {
		text += " " + lang.L("No invoice paid late owes interest now.")
	}
	return text
}

// noteText says what the list leaves out, and why; "" when it leaves out nothing.
func noteText(c core.InterestCandidates) string {
	var parts []string
	if c.BelowMinimum > 0 {
		parts = append(parts, counted(c.BelowMinimum,
			"{{.Count}} invoice owes less interest than the least amount in Settings ({{.Minimum}}) and is not listed.",
			"{{.Count}} invoices owe less interest than the least amount in Settings ({{.Minimum}}) and are not listed.",
			map[string]any{"Minimum": formatAmount(c.Minimum)}))
	}
	if c.MissingCount > 0 {
		halves := make([]string, len(c.Missing))
		for i, h := range c.Missing {
			halves[i] = lang.L("{{.Year}} half-year {{.Half}}", map[string]any{"Year": h.Year, "Half": h.Half})
		}
		parts = append(parts, counted(c.MissingCount,
			"{{.Count}} invoice needs the reference rate for {{.HalfYears}} and is not listed: add it under Settings.",
			"{{.Count}} invoices need the reference rate for {{.HalfYears}} and are not listed: add it under Settings.",
			map[string]any{"HalfYears": strings.Join(halves, ", ")}))
	}
	return strings.Join(parts, " ")
}

// resultText says what Create made: the räntefakturor and their numbers, those
// made before, and those that no longer owe interest.
func resultText(r core.InterestInvoiceResult) string {
	var parts []string
	if n := len(r.Created); n > 0 {
		numbers := r.Created[0].Number
		if n > 1 {
			numbers += "–" + r.Created[n-1].Number
		}
		parts = append(parts, counted(n, "Created {{.Count}} räntefaktura ({{.Numbers}}), {{.Amount}}.",
			"Created {{.Count}} räntefakturor ({{.Numbers}}), {{.Amount}} in all.",
			map[string]any{"Numbers": numbers, "Amount": formatAmount(r.Total())}))
	}
	if n := len(r.Existing); n > 0 {
		parts = append(parts, counted(n, "{{.Count}} invoice already had a räntefaktura; none was made again.",
			"{{.Count}} invoices already had a räntefaktura; none was made again.", nil))
	}
	if r.Dropped > 0 {
		parts = append(parts, counted(r.Dropped, "{{.Count}} invoice no longer owes interest.",
			"{{.Count}} invoices no longer owe interest.", nil))
	}
	if len(parts) == 0 {
		return lang.L("Nothing was created.")
	}
	return strings.Join(parts, " ")
}
