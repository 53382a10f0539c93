package gui

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
)

// sampleBalance is the example invoice's balance the preview fills a text with.
var sampleBalance = decimal.NewFromInt(1250)

// sampleDaysOverdue is how long the example invoice is overdue.
const sampleDaysOverdue = 30

// stepEditor is the dialog that edits one step of the plan: its name, kind, when
// it comes, fee, interest, time to pay, and its letter and e-mail texts with the
// placeholders they may use and a preview of the text filled for an example
// invoice as it is typed. OK puts the step in the plan on show; the page's Save
// saves it. Esc and Cancel leave the plan as it was.
type stepEditor struct {
	e     *planEditor
	index int
	added bool // the step was just added: Cancel takes it out again

	name, days, fee, term *escEntry
	action                *escSelect
	interest              *escCheck
	letter, email         *escEntry
	previewOf             *escEntry // the text the preview shows: the one typed in last
	preview               *widget.Label
	okBtn                 *keyButton
	dlg                   *dialog.CustomDialog
}

// openStep opens the dialog on step i of the plan on show; added says the step was
// just added, so that Cancel takes it out again.
func (e *planEditor) openStep(i int, added bool) {
	steps := e.shown().Steps
	if i < 0 || i >= len(steps) {
		return
	}
	s := &stepEditor{e: e, index: i, added: added}
	e.step = s
	s.build(steps[i])
	s.show()
}

func (s *stepEditor) build(step core.PlanStep) {
	for _, f := range []**escEntry{&s.name, &s.days, &s.fee, &s.term, &s.letter, &s.email} {
		*f = newEscEntry(nil)
	}
	for _, f := range []*escEntry{s.letter, s.email} {
		f.MultiLine, f.Wrapping = true, fyne.TextWrapWord
		f.SetMinRowsVisible(5)
	}
	actions := core.AllStepActions()
	names := make([]string, len(actions))
	for i, a := range actions {
		names[i] = actionText(a)
	}
	s.action = newEscSelect(names, func(string) { s.onActionChanged() })
	s.interest = newEscCheck(lang.L("Charge late-payment interest"), func(bool) { s.updatePreview() }, nil)
	s.preview = widget.NewLabel("")
	s.preview.Wrapping = fyne.TextWrapWord
	s.fill(step)
	s.letter.OnChanged = func(string) { s.previewOf = s.letter; s.updatePreview() }
	s.email.OnChanged = func(string) { s.previewOf = s.email; s.updatePreview() }
	for _, f := range []*escEntry{s.days, s.fee, s.term} {
		f.OnChanged = func(string) { s.updatePreview() }
	}
	s.previewOf = s.letter
	s.okBtn = newPrimaryButton(lang.L("OK"), theme.ConfirmIcon(), s.onOK)
}

// fill puts step in the fields.
func (s *stepEditor) fill(step core.PlanStep) {
	s.name.SetText(step.Name)
	s.days.SetText(formatInt(step.Days))
	s.fee.SetText(amountText(step.Fee))
	s.term.SetText(formatInt(step.PaymentTermDays))
	s.interest.SetChecked(step.ChargeInterest)
	s.letter.SetText(step.Letter)
	s.email.SetText(step.Email)
	if i := slices.Index(core.AllStepActions(), step.Action); i >= 0 {
		s.action.SetSelectedIndex(i)
	}
}

// layout is the dialog's content: the step's terms on the left, its texts and the
// preview on the right.
func (s *stepEditor) layout() fyne.CanvasObject {
	daysLabel := lang.L("Days after the step before")
	if s.index == 0 {
		daysLabel = lang.L("Days after the due date")
	}
	terms := widget.NewForm(
		widget.NewFormItem(lang.L("Name"), s.name), widget.NewFormItem(lang.L("Kind"), s.action),
		widget.NewFormItem(daysLabel, s.days), widget.NewFormItem(lang.L("Fee (kr)"), s.fee),
		widget.NewFormItem("", s.interest), widget.NewFormItem(lang.L("Days to pay"), s.term))
	known := widget.NewLabel(lang.L("The texts may use {{.Placeholders}}",
		map[string]any{"Placeholders": "{" + strings.Join(core.PlanPlaceholders, "}, {") + "}"}))
	known.Wrapping = fyne.TextWrapWord
	left := container.NewVBox(terms, known)
	bold := fyne.TextStyle{Bold: true}
	previewTitle := widget.NewLabelWithStyle(lang.L("Preview for an example invoice"), fyne.TextAlignLeading, bold)
	preview := container.NewVScroll(s.preview)
	preview.SetMinSize(fyne.NewSize(0, 130))
	texts := container.NewVBox(widget.NewLabelWithStyle(lang.L("Letter text"), fyne.TextAlignLeading, bold), s.letter,
		widget.NewLabelWithStyle(lang.L("E-mail text"), fyne.TextAlignLeading, bold), s.email, previewTitle)
	right := container.NewBorder(texts, nil, nil, nil, preview)
	return container.New(sharedColumns{}, left, right)
}

// show opens the dialog, as large as a 1024×768 screen allows.
func (s *stepEditor) show() {
	s.dlg = dialog.NewCustomWithoutButtons(lang.L("Step {{.Number}} of the plan", map[string]any{"Number": s.index + 1}), s.layout(), s.e.win)
	cancel := newKeyButton(lang.L("Cancel"), theme.CancelIcon(), s.onCancel, nil)
	s.dlg.SetButtons([]fyne.CanvasObject{cancel, s.okBtn})
	s.dlg.Show()
	escapable(s.e.win, s.onCancel)
	size := s.e.win.Canvas().Size()
	s.dlg.Resize(fyne.NewSize(min(940, size.Width-2*theme.Padding()), min(max(s.dlg.MinSize().Height, 600), size.Height-2*theme.Padding())))
	s.e.win.Canvas().Focus(s.name)
	s.updatePreview()
}

// onCancel closes the dialog and leaves the plan as it was: a step just added is
// taken out again.
func (s *stepEditor) onCancel() {
	s.dlg.Hide()
	if s.added {
		s.e.remove(s.index)
	}
}

// onActionChanged turns off what a hand-over to Amili has not: fee, interest, time
// to pay and texts (Amili writes its own).
func (s *stepEditor) onActionChanged() {
	amili := s.selectedAction().HandsToAmili()
	for _, f := range []interface {
		Enable()
		Disable()
	}{s.fee, s.term, s.letter, s.email, s.interest} {
		if amili {
			f.Disable()
		} else {
			f.Enable()
		}
	}
	s.updatePreview()
}

// selectedAction is the kind chosen.
func (s *stepEditor) selectedAction() core.StepAction {
	if i := s.action.SelectedIndex(); i >= 0 {
		return core.AllStepActions()[i]
	}
	return core.StepReminder
}

// read is the step as typed, or says which field is wrong.
func (s *stepEditor) read() (core.PlanStep, error) {
	step := core.PlanStep{Name: strings.TrimSpace(s.name.Text), Action: s.selectedAction(),
		Letter: s.letter.Text, Email: s.email.Text, ChargeInterest: s.interest.Checked, Fee: decimal.Zero}
	var err error
	if step.Days, err = parseWhole(s.days.Text, "Days"); err != nil {
		return step, err
	}
	if text := strings.TrimSpace(s.fee.Text); text != "" {
		if step.Fee, err = core.ParseAmount(text); err != nil {
			return step, err
		}
	}
	if step.Action.HandsToAmili() {
		step.Letter, step.Email, step.Fee, step.ChargeInterest = "", "", decimal.Zero, false
		return step, nil
	}
	step.PaymentTermDays, err = parseWhole(s.term.Text, "Days to pay")
	return step, err
}

// onOK puts the step in the plan on show and closes the dialog; a field that
// cannot be read keeps it open with the reason.
func (s *stepEditor) onOK() {
	step, err := s.read()
	if err != nil {
		showError(err, s.e.win)
		return
	}
	steps := s.e.shown().Steps
	if s.index < len(steps) {
		steps[s.index] = step
	}
	s.dlg.Hide()
	s.e.edited()
}

// updatePreview fills the text typed in last for the example invoice, with core's
// own filling (core.FillPlanText); a text it refuses shows why instead.
func (s *stepEditor) updatePreview() {
	if s.preview == nil || s.previewOf == nil {
		return
	}
	if s.selectedAction().HandsToAmili() {
		s.preview.Importance = widget.MediumImportance
		s.preview.SetText(lang.L("Amili writes to the customer itself."))
		return
	}
	// CheckPlanText first, so that a refusal names the step as Save's would.
	err := core.CheckPlanText(strings.TrimSpace(s.name.Text), s.previewOf.Text)
	text := ""
	if err == nil {
		text, err = core.FillPlanText(s.previewOf.Text, s.sampleValues())
	}
	if err != nil {
		s.preview.Importance = widget.DangerImportance
		s.preview.SetText(errorText(err))
		return
	}
	s.preview.Importance = widget.MediumImportance
	s.preview.SetText(text)
}

// sampleValues are the placeholders' values for the example invoice: due 30 days
// ago, 1 250 kr, with the step's fee and time to pay as typed.
func (s *stepEditor) sampleValues() map[string]string {
	today := s.e.today()
	fee, err := core.ParseAmount(strings.TrimSpace(s.fee.Text))
	if err != nil || s.fee.Text == "" {
		fee = decimal.Zero
	}
	term, err := parseWhole(s.term.Text, "Days to pay")
	if err != nil {
		term = 0
	}
	company := strings.TrimSpace(s.e.company())
	if company == "" {
		company = lang.L("Your company")
	}
	return map[string]string{
		"kund": "Exempel AB", "fakturanummer": "10042", "ocr": "1004215",
		"förfallodatum":  formatDate(today.AddDays(-sampleDaysOverdue)),
		"belopp":         formatAmount(sampleBalance.Add(fee)),
		"betala_senast":  formatDate(today.AddDays(term)),
		"dagar_försenad": formatInt(sampleDaysOverdue),
		"företag":        company,
	}
}
