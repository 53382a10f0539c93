package gui

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// planKind is one of the settings' two plans: companies and consumers may follow
// different plans (core.Plans).
type planKind struct {
	name    string
	company bool
}

// planKinds lists the plans the editor offers, in its choice's order.
var planKinds = []planKind{{"Companies", true}, {"Consumers", false}}

// planEditor is the reminder plan's card in Inställningar: the companies' and the
// consumers' plans, each an ordered list of steps to edit (planstep.go), move, add
// and remove, and put back to the default. It edits a copy; the page's one Save
// saves it, and core's validation refuses a bad plan, leaving the book's as it was.
type planEditor struct {
	win     fyne.Window
	today   func() core.Date
	company func() string // the company's name as typed, for the preview

	plans    []core.Plan // as edited, by planKinds; the default shown where none is set
	which    int         // the plan shown
	kind     *widget.RadioGroup
	rows     *fyne.Container
	addBtn   *widget.Button
	resetBtn *widget.Button
	content  fyne.CanvasObject
	onEdited func()      // the page's "Unsaved changes"
	step     *stepEditor // the step dialog last opened, for tests
}

func newPlanEditor(win fyne.Window, today func() core.Date, company func() string) *planEditor {
	e := &planEditor{win: win, today: today, company: company, plans: make([]core.Plan, len(planKinds))}
	names := make([]string, len(planKinds))
	for i, k := range planKinds {
		names[i] = lang.L(k.name)
	}
	e.kind = widget.NewRadioGroup(names, func(string) { e.onKindChanged() })
	e.kind.Horizontal, e.kind.Required = true, true
	e.rows = container.NewVBox()
	e.kind.SetSelected(names[0])
	e.addBtn = widget.NewButtonWithIcon(lang.L("Add a step"), theme.ContentAddIcon(), e.onAdd)
	e.resetBtn = widget.NewButtonWithIcon(lang.L("Reset to the default plan"), theme.ViewRefreshIcon(), e.onReset)
	note := widget.NewLabel(lang.L("The plan never sends by itself: Create multiple reminders offers the invoices whose next step is due."))
	note.Wrapping = fyne.TextWrapWord
	e.content = container.NewVBox(note, e.kind, e.rows, container.NewHBox(e.addBtn, e.resetBtn))
	return e
}

// show puts the settings' plans in the editor, the default where none is set.
func (e *planEditor) show(p core.Plans) {
	for i, plan := range []core.Plan{p.Companies, p.Consumers} {
		if len(plan.Steps) == 0 {
			plan = core.DefaultPlan()
		}
		e.plans[i] = core.Plan{Steps: slices.Clone(plan.Steps)}
	}
	e.refresh()
}

// read is the plans as edited; a plan equal to the default is saved as none set,
// so that it follows the default.
func (e *planEditor) read() core.Plans {
	out := make([]core.Plan, len(e.plans))
	for i, plan := range e.plans {
		if !samePlan(plan, core.DefaultPlan()) {
			out[i] = core.Plan{Steps: slices.Clone(plan.Steps)}
		}
	}
	return core.Plans{Companies: out[0], Consumers: out[1]}
}

// snapshot is the plans as edited, to compare with the saved page.
func (e *planEditor) snapshot() string {
	b, err := json.Marshal(e.read())
	if err != nil {
		return err.Error()
	}
	return string(b)
}

// samePlan says whether a and b have the same steps.
func samePlan(a, b core.Plan) bool {
	return slices.EqualFunc(a.Steps, b.Steps, func(x, y core.PlanStep) bool {
		return x.Name == y.Name && x.Action == y.Action && x.Days == y.Days && x.Letter == y.Letter &&
			x.Email == y.Email && x.Fee.Equal(y.Fee) && x.ChargeInterest == y.ChargeInterest && x.PaymentTermDays == y.PaymentTermDays
	})
}

// shown is the plan on show.
func (e *planEditor) shown() *core.Plan { return &e.plans[e.which] }

func (e *planEditor) onKindChanged() {
	if i := slices.Index(e.kind.Options, e.kind.Selected); i >= 0 {
		e.which = i
	}
	e.refresh()
}

// edited redraws the steps and tells the page.
func (e *planEditor) edited() {
	e.refresh()
	if e.onEdited != nil {
		e.onEdited()
	}
}

// refresh draws the steps of the plan on show, one row each.
func (e *planEditor) refresh() {
	steps := e.shown().Steps
	rows := make([]fyne.CanvasObject, len(steps))
	for i, s := range steps {
		rows[i] = e.stepRow(i, s, len(steps))
	}
	e.rows.Objects = rows
	e.rows.Refresh()
}

// stepRow is step i's row: its name and what it does, and buttons to move it, edit
// it and remove it.
func (e *planEditor) stepRow(i int, s core.PlanStep, n int) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(fmt.Sprintf("%d. %s", i+1, s.Name), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	summary := widget.NewLabel(stepSummary(i, s))
	summary.Wrapping = fyne.TextWrapWord
	up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.move(i, -1) })
	down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.move(i, 1) })
	edit := widget.NewButtonWithIcon(lang.L("Edit…"), theme.DocumentCreateIcon(), func() { e.openStep(i, false) })
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { e.remove(i) })
	if i == 0 {
		up.Disable()
	}
	if i == n-1 {
		down.Disable()
	}
	if n == 1 {
		remove.Disable() // a plan has at least one step
	}
	buttons := container.NewHBox(up, down, edit, remove)
	return container.NewBorder(nil, nil, nil, container.NewVBox(buttons), container.NewVBox(title, summary))
}

// stepSummary says what step i does: its kind, when it comes, its fee, interest
// and time to pay.
func stepSummary(i int, s core.PlanStep) string {
	parts := []string{actionText(s.Action), daysText(i, s.Days)}
	if s.Action.HandsToAmili() {
		return strings.Join(append(parts, lang.L("only while Amili is activated")), " · ")
	}
	if s.Fee.IsPositive() {
		parts = append(parts, lang.L("fee {{.Fee}}", map[string]any{"Fee": formatAmount(s.Fee)}))
	}
	if s.ChargeInterest {
		parts = append(parts, lang.L("interest"))
	}
	parts = append(parts, lang.L("{{.Days}} days to pay", map[string]any{"Days": s.PaymentTermDays}))
	return strings.Join(parts, " · ")
}

// daysText says when step i comes.
func daysText(i, days int) string {
	if i == 0 {
		return lang.L("{{.Days}} days after the due date", map[string]any{"Days": days})
	}
	return lang.L("{{.Days}} days after the step before", map[string]any{"Days": days})
}

// actionText is a step's kind as the editor names it.
func actionText(a core.StepAction) string {
	switch a {
	case core.StepReminder:
		return lang.L("Reminder")
	case core.StepInkasso:
		return lang.L("Own inkassokrav")
	case core.StepAmili:
		return lang.L("Hand over to Amili")
	}
	return string(a)
}

// move moves step i by delta places (-1 up, 1 down).
func (e *planEditor) move(i, delta int) {
	steps := e.shown().Steps
	j := i + delta
	if j < 0 || j >= len(steps) {
		return
	}
	steps[i], steps[j] = steps[j], steps[i]
	e.edited()
}

// remove takes step i out of the plan on show.
func (e *planEditor) remove(i int) {
	p := e.shown()
	if len(p.Steps) <= 1 || i < 0 || i >= len(p.Steps) {
		return
	}
	p.Steps = slices.Delete(slices.Clone(p.Steps), i, i+1)
	e.edited()
}

// onAdd adds a reminder after the plan's last reminder (before an inkassokrav or
// Amili, which come after every reminder) and opens it.
func (e *planEditor) onAdd() {
	p := e.shown()
	at := 0
	for i, s := range p.Steps {
		if s.Action.IsReminder() {
			at = i + 1
		}
	}
	text := core.DefaultPlan().Steps[1].Letter
	step := core.PlanStep{Name: lang.L("Reminder {{.Number}}", map[string]any{"Number": at + 1}), Action: core.StepReminder,
		Days: 14, Letter: text, Email: text, ChargeInterest: true, PaymentTermDays: 10}
	p.Steps = slices.Insert(slices.Clone(p.Steps), at, step)
	e.edited()
	e.openStep(at, true)
}

// onReset puts the plan on show back to the default, once the user agrees.
func (e *planEditor) onReset() {
	name := planKinds[e.which].name
	showConfirm(lang.L("Reset to the default plan"), lang.L("Put the plan for {{.Kind}} back to the default? Its steps and texts are replaced once you save.",
		map[string]any{"Kind": strings.ToLower(lang.L(name))}), func(yes bool) {
		if yes {
			e.plans[e.which] = core.DefaultPlan()
			e.edited()
		}
	}, e.win)
}
