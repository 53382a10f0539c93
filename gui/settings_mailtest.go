package gui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// mailTest is the e-mail card's Testa: a test e-mail through the server as the
// fields say now (saved or not, with the password typed or else the saved one),
// and how it went in plain words with the server's own reply.
type mailTest struct {
	t       *settingsTab
	button  *widget.Button
	result  *widget.Label
	content fyne.CanvasObject
}

func newMailTest(t *settingsTab) *mailTest {
	m := &mailTest{t: t, result: widget.NewLabel("")}
	m.button = widget.NewButtonWithIcon(lang.L("Test"), theme.MailSendIcon(), m.onTest)
	m.result.Wrapping = fyne.TextWrapWord
	m.result.Hide()
	hint := widget.NewLabel(lang.L("Sends a test e-mail to the From address."))
	hint.Importance = widget.LowImportance
	m.content = container.NewVBox(container.NewHBox(m.button, hint), m.result)
	return m
}

// smtp reads the e-mail fields as they are now.
func (m *mailTest) smtp() (core.SMTPSettings, error) {
	t := m.t
	set := core.SMTPSettings{Host: strings.TrimSpace(t.smtpHost.Text), User: t.smtpUser.Text, From: strings.TrimSpace(t.smtpFrom.Text)}
	if i := t.smtpSecurity.SelectedIndex(); i >= 0 {
		set.Security = smtpSecurity[i].value
	}
	var err error
	set.Port, err = parseWhole(t.smtpPort.Text, "Port")
	return set, err
}

func (m *mailTest) onTest() {
	set, err := m.smtp()
	if err != nil {
		m.show(widget.DangerImportance, errorText(err))
		return
	}
	password := m.t.smtpPassword.Text
	m.button.Disable()
	m.show(widget.MediumImportance, lang.L("Sending a test e-mail through {{.Host}}…", map[string]any{"Host": set.Host}))
	type outcome struct {
		res core.MailTest
		err error
	}
	background(func(ctx context.Context) (outcome, error) {
		res, err := m.t.svc.TestMail(ctx, set, password)
		return outcome{res, err}, nil
	}, func(o outcome, _ error) {
		m.button.Enable()
		m.showOutcome(set, o.res, o.err)
	})
}

// showOutcome says how the test went: sent, or why not, with the server's words.
func (m *mailTest) showOutcome(set core.SMTPSettings, res core.MailTest, err error) {
	data := map[string]any{"To": res.To, "Host": set.Host, "Reply": res.Reply}
	var text string
	importance := widget.SuccessImportance
	if err != nil {
		text, importance = errorText(err), widget.DangerImportance
	} else {
		text = lang.L("The mail server {{.Host}} took the test e-mail to {{.To}}; look for it in that inbox.", data)
	}
	if res.Reply != "" {
		text += "\n" + lang.L("The server answered: {{.Reply}}", data)
	}
	m.show(importance, text)
}

func (m *mailTest) show(importance widget.Importance, text string) {
	m.result.Importance = importance
	m.result.SetText(text)
	m.result.Show()
}
