package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// queueNotice is the bar over Påminnelser that says, on a book shared with other
// desktops, what this desktop leaves in the queue for another one because a secret
// is not saved here (core.LeftForOthers): the e-mails without the SMTP password,
// Amili's items without the Amili key. Hidden when nothing is left.
type queueNotice struct {
	svc  *core.Service
	text *widget.Label
	bar  *fyne.Container
	page *fyne.Container // the tab's page, laid out again when the bar shows or hides
	gen  int             // bumped by every reload, so an older answer is dropped
}

func newQueueNotice(svc *core.Service) *queueNotice {
	n := &queueNotice{svc: svc, text: widget.NewLabel("")}
	n.text.Wrapping = fyne.TextWrapWord
	bg := canvas.NewRectangle(withAlpha(theme.Color(theme.ColorNameWarning), 0x28))
	bg.CornerRadius = theme.InputRadiusSize()
	n.bar = container.NewStack(bg, container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, n.text))
	n.bar.Hide()
	return n
}

// reload asks what is left for others off the UI thread and shows it.
func (n *queueNotice) reload() {
	n.gen++
	gen := n.gen
	background(func(ctx context.Context) (core.LeftForOthers, error) {
		return n.svc.LeftForOthers(ctx)
	}, func(left core.LeftForOthers, err error) {
		if gen != n.gen {
			return
		}
		if err != nil {
			fyne.LogError("Reading what the queue leaves for other computers", err)
			return
		}
		n.show(left)
	})
}

// show says what left holds, or hides the bar when it holds nothing.
func (n *queueNotice) show(left core.LeftForOthers) {
	n.text.SetText(leftForOthersText(left))
	if n.bar.Visible() != left.Any() {
		showIf(n.bar, left.Any())
		if n.page != nil {
			n.page.Refresh()
		}
	}
}

// leftForOthersText says what is left for other computers, a line for each kind.
func leftForOthersText(left core.LeftForOthers) string {
	var lines []string
	if left.Email {
		lines = append(lines, lang.L("The e-mail password is not saved on this computer: e-mail reminders wait for another computer on the shared book to send them. Enter the password under Settings to send them from here."))
	}
	if left.Amili {
		lines = append(lines, lang.L("The Amili key is not saved on this computer: hand-overs and reports to Amili wait for another computer on the shared book to send them."))
	}
	return strings.Join(lines, "\n")
}
