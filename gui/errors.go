package gui

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// errorText renders err for the user in their language: a *core.Error through its
// translated message template, any import row errors listed by line number below it.
func errorText(err error) string {
	e := core.AsError(err)
	text := tr(e.Message, e.Data)
	var imp *core.ImportError
	if errors.As(err, &imp) {
		text += "\n\n" + importRowsText(imp)
	}
	return text
}

// maxListedRows caps how many bad import rows the error dialog lists.
const maxListedRows = 20

// importRowsText lists the bad rows of an import, one line each.
func importRowsText(imp *core.ImportError) string {
	var b strings.Builder
	for i, r := range imp.Rows {
		if i == maxListedRows {
			b.WriteString(lang.L("… and {{.Count}} more rows", map[string]any{"Count": len(imp.Rows) - i}))
			break
		}
		fmt.Fprintf(&b, "%s: %s\n", lang.L("Line {{.Line}}", map[string]any{"Line": r.Line}), tr(r.Message, r.Data))
	}
	return strings.TrimSpace(b.String())
}

// showError shows err in a dialog, in plain words. Call it on the UI thread.
func showError(err error, w fyne.Window) {
	if err == nil {
		return
	}
	fyne.LogError("Shown to the user", err)
	// The program's own message, whose OK has the keyboard (Enter closes it), with
	// the error's sign as Fyne's error dialog has it.
	text := errorText(err)
	content := container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.ErrorIcon())), nil, messageLabel(text))
	showMessage(lang.L("Error"), text, content, w)
}

// messageText renders a stored message (why a delivery or a report failed) in the
// user's language, as errorText renders an error's message; no message (a delivery
// that has not failed) is no text, not a failed translation.
func messageText(m core.Message) string {
	if m.Template == "" {
		return ""
	}
	return tr(m.Template, m.Values())
}
