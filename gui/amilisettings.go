package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// amiliCard is the Visma Amili card of Inställningar: whether Amili is activated, in
// which environment, the public key to register with Amili (generated here, copied
// from here), activation and a status update on request.
type amiliCard struct {
	svc *core.Service
	win fyne.Window

	status      core.AmiliStatus
	msg         *widget.Label
	environment *widget.Label
	publicKey   *widget.Label // selectable: shown to be copied
	keyNote     *widget.Label
	activateBtn *widget.Button
	generateBtn *widget.Button
	copyBtn     *widget.Button
	syncBtn     *widget.Button
	content     fyne.CanvasObject
}

func newAmiliCard(svc *core.Service, win fyne.Window) *amiliCard {
	c := &amiliCard{svc: svc, win: win}
	c.msg = widget.NewLabel("")
	c.msg.Wrapping = fyne.TextWrapWord
	c.environment = widget.NewLabel("")
	c.environment.Wrapping = fyne.TextWrapWord
	c.publicKey = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	c.publicKey.Selectable = true
	c.keyNote = widget.NewLabel("")
	c.keyNote.Wrapping = fyne.TextWrapWord
	c.activateBtn = widget.NewButtonWithIcon(lang.L("Activate Amili"), theme.LoginIcon(), c.onActivate)
	c.generateBtn = widget.NewButtonWithIcon(lang.L("Generate key pair"), theme.ContentAddIcon(), c.onGenerate)
	c.copyBtn = widget.NewButtonWithIcon(lang.L("Copy public key"), theme.ContentCopyIcon(), c.onCopy)
	c.syncBtn = widget.NewButtonWithIcon(lang.L("Update statuses from Amili"), theme.ViewRefreshIcon(), c.onSync)
	c.content = container.NewVBox(c.msg, c.environment,
		widget.NewLabelWithStyle(lang.L("Public key (PEM) to register with Amili"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		// The key's 64-character lines scroll sideways in their own box rather than
		// widen the settings page past a 1024-pixel screen; Copy takes it whole.
		container.NewHScroll(c.publicKey), c.keyNote, container.NewHBox(c.generateBtn, c.copyBtn),
		container.NewHBox(c.activateBtn, c.syncBtn))
	c.show()
	return c
}

// load refreshes the card (after activation, or any change).
func (c *amiliCard) load() {
	background(func(ctx context.Context) (core.AmiliStatus, error) {
		return c.svc.AmiliStatus(ctx)
	}, func(s core.AmiliStatus, err error) {
		if err != nil {
			showError(err, c.win)
			return
		}
		c.status = s
		c.show()
	})
}

func (c *amiliCard) show() {
	s := c.status
	if !s.Activated {
		c.msg.SetText(lang.L("Amili is not activated. Once it is, reminders can be handed to Visma Amili, which delivers them and charges interest and fees by the rules in force."))
		c.activateBtn.SetText(lang.L("Activate Amili"))
		c.syncBtn.Disable()
	} else {
		c.msg.SetText(lang.L("Amili is activated (since {{.Date}}, creditor {{.Creditor}}). It is the preselected reminder type; you can still choose manual reminders for a batch.",
			map[string]any{"Date": s.ActivatedAt.Local().Format("2006-01-02"), "Creditor": s.CreditorID}))
		c.activateBtn.SetText(lang.L("Change Amili details"))
		c.syncBtn.Enable()
	}
	env := s.Environment
	if env == "" {
		env = core.AmiliSandbox
	}
	c.environment.SetText(lang.L("Environment: {{.Environment}} — {{.URL}}",
		map[string]any{"Environment": environmentName(env), "URL": s.BaseURL}))
	c.publicKey.SetText(s.PublicKey)
	switch {
	case s.PublicKey == "":
		c.keyNote.SetText(lang.L("No key pair yet. Generate one, send the public key to Visma Amili and enter the API code they give you when you activate. Or choose your own key file (EC or RSA) when you activate."))
		c.copyBtn.Disable()
	case s.NewKey:
		c.keyNote.SetText(lang.L("A new key pair: send this public key to Visma Amili, then activate with the API code they give you. The private key stays in the computer's password store."))
		c.copyBtn.Enable()
	default:
		c.keyNote.SetText(lang.L("The key in use. The private key stays in the computer's password store."))
		c.copyBtn.Enable()
	}
}

func (c *amiliCard) onActivate() {
	newActivationForm(c.svc, c.win, c.status, nil).show() // the card reloads on the service's OnChange
}

// onGenerate makes a new key pair after a confirmation when one is in use.
func (c *amiliCard) onGenerate() {
	generate := func() {
		background(func(ctx context.Context) (string, error) {
			return c.svc.GenerateAmiliKey(ctx)
		}, func(_ string, err error) {
			if err != nil {
				showError(err, c.win)
			} // the card reloads on the service's OnChange
		})
	}
	if c.status.PublicKey == "" {
		generate()
		return
	}
	showConfirm(lang.L("Generate key pair"),
		lang.L("Make a new key pair? The key in use keeps working until you activate Amili with the new one."),
		func(ok bool) {
			if ok {
				generate()
			}
		}, c.win)
}

// onCopy puts the public key on the clipboard.
func (c *amiliCard) onCopy() {
	fyne.CurrentApp().Clipboard().SetContent(c.status.PublicKey)
}

// onSync asks Amili for the cases' states now.
func (c *amiliCard) onSync() {
	c.syncBtn.Disable()
	background(func(ctx context.Context) (core.AmiliSyncReport, error) {
		return c.svc.SyncAmili(ctx)
	}, func(rep core.AmiliSyncReport, err error) {
		c.syncBtn.Enable()
		if err != nil {
			showError(err, c.win)
			return
		}
		showInfo(lang.L("Visma Amili"), lang.L("{{.Cases}} cases checked, {{.Changed}} changed.",
			map[string]any{"Cases": rep.Cases, "Changed": rep.Changed}), c.win)
	})
}
