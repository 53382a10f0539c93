package gui

import (
	"fyne.io/fyne/v2/lang"

	"paminn/core"
)

// problemText is problem p of invoice number said in full, as the notice shows it
// when a tick is refused: core's message for its code, translated.
func problemText(p core.Problem, number string) string {
	return tr(p.Message(), map[string]any{"Number": number})
}

// problemShortText is problem p said briefly, for the narrow note column; the full
// reason (problemText) shows when a tick is refused.
func problemShortText(p core.Problem) string {
	switch p.Code {
	case core.ProblemNoEmail:
		return lang.L("No e-mail address; gets a letter")
	case core.ProblemNotSEK:
		return lang.L("Not in SEK; Amili only takes SEK")
	case core.ProblemNoIDNumber:
		return lang.L("No org./personal number, which Amili needs")
	case core.ProblemNoAddress:
		return lang.L("No postal address, which Amili needs")
	case core.ProblemClosedAmiliCase:
		return lang.L("Had a case at Amili, now closed")
	case core.ProblemPaused:
		return lang.L("Paused or disputed")
	case core.ProblemNoCompanyName:
		return lang.L("The company's name")
	case core.ProblemNoCompanyAddress:
		return lang.L("The company's address")
	case core.ProblemNoGiro:
		return lang.L("A bankgiro or plusgiro number")
	case core.ProblemNoMailServer:
		return lang.L("A mail server")
	}
	return string(p.Code)
}
