package gui

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// newWithRecentCheck is the check beside Select all that lets it tick the invoices
// reminded in the last RecentDays days too, which it otherwise leaves out.
func newWithRecentCheck(d *remindDialog) *escCheck {
	return newEscCheck(lang.L("Include recently reminded"), nil, d.close)
}

// selectAllText says what Select all did: nothing it could tick and why, or what
// it left out and why, or that only the first MaxBatch are ticked; "" when it
// ticked every candidate shown.
func selectAllText(s core.Selection) (string, widget.Importance) {
	skipped := skippedText(s)
	if s.Recent > 0 {
		skipped += ". " + lang.L("Tick “Include recently reminded” to take those too.")
	}
	switch {
	case len(s.IDs) == 0 && s.Skipped() == 0:
		return lang.L("There are no invoices to select"), widget.WarningImportance
	case len(s.IDs) == 0:
		return lang.L("No invoice can be selected: {{.Reasons}}", map[string]any{"Reasons": skipped}), widget.WarningImportance
	case s.Skipped() > 0 && s.More:
		return lang.L("The first {{.Max}} are selected; skipped {{.Count}}: {{.Reasons}}",
			map[string]any{"Max": core.MaxBatch, "Count": s.Skipped(), "Reasons": skipped}), widget.WarningImportance
	case s.Skipped() > 0:
		return lang.L("Skipped {{.Count}}: {{.Reasons}}", map[string]any{"Count": s.Skipped(), "Reasons": skipped}), widget.WarningImportance
	case s.More:
		return lang.L("The first {{.Max}} are selected", map[string]any{"Max": core.MaxBatch}), widget.MediumImportance
	}
	return "", widget.MediumImportance
}

// skippedText lists why Select all left invoices out, each reason with its count,
// in the order of core's problem codes; "" when it left none out.
func skippedText(s core.Selection) string {
	var parts []string
	if s.Recent > 0 {
		parts = append(parts, lang.L("reminded in the last {{.Days}} days ({{.Count}})",
			map[string]any{"Days": core.RecentDays, "Count": s.Recent}))
	}
	for _, code := range core.AllProblemCodes() {
		if n := s.Blocked[code]; n > 0 {
			parts = append(parts, lang.L("{{.Reason}} ({{.Count}})",
				map[string]any{"Reason": lowerFirst(problemShortText(core.Problem{Code: code})), "Count": n}))
		}
	}
	return strings.Join(parts, " · ")
}

// lowerFirst is s with its first letter small, for a reason inside a sentence.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}
