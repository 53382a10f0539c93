package core

// The lines a pause writes in the history of each invoice it pauses, so an invoice's
// history shows who paused it and when (issue 24: on a server book each line names the
// desktop's user), as it shows every other change.
const (
	msgHistoryPausedDispute = "Paused: the customer disputes the claim{{if .Until}}, until {{.Until}}{{end}}{{if .Note}}. {{.Note}}{{end}}"
	msgHistoryPausedPlan    = "Paused: a payment plan{{if .Until}}, until {{.Until}}{{end}}{{if .Note}}. {{.Note}}{{end}}"
	msgHistoryPausedOther   = "Paused{{if .Until}} until {{.Until}}{{end}}: {{.Note}}"
	msgHistoryUnpaused      = "The pause was ended"
)

// PauseHistory is the history line of pause p on each invoice it pauses.
func PauseHistory(p Pause) Message {
	template := msgHistoryPausedOther
	switch p.Reason {
	case PauseDispute:
		template = msgHistoryPausedDispute
	case PausePlan:
		template = msgHistoryPausedPlan
	case PauseOther, PauseNone:
	}
	until := ""
	if !p.Until.IsZero() {
		until = p.Until.String()
	}
	return historyMessage(template, map[string]string{"Until": until, "Note": p.Note})
}

// UnpauseHistory is the history line of a pause ended by hand, on each invoice it
// paused.
func UnpauseHistory() Message { return historyMessage(msgHistoryUnpaused, nil) }
