package gui

import (
	"fmt"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// The batch's step (issue 22): "Steg: enligt planen" sends each invoice its plan's
// next step (ReminderRequest.ByPlan), a step chosen sends that step of its plan to
// every invoice of the batch (ReminderRequest.Step, the user's override), and
// "utanför planen" sends as before the plan, by the choices below it. Under a plan
// the step decides the fee, interest and time to pay, so those choices rest.

// stepChoice is one option of the batch's step.
type stepChoice struct {
	byPlan bool
	step   int // with byPlan: 0 each invoice its own next step, k step k
}

// stepChoices are the options the plans offer: by the plan, each step by number,
// outside the plan.
func stepChoices(plans core.Plans, amili bool) []stepChoice {
	n := max(len(plans.For(true, amili).Steps), len(plans.For(false, amili).Steps))
	out := []stepChoice{{byPlan: true}}
	for k := 1; k <= n; k++ {
		out = append(out, stepChoice{byPlan: true, step: k})
	}
	return append(out, stepChoice{})
}

// stepChoiceText is a choice as the drop-down offers it; a step named differently
// in the companies' and the consumers' plans shows both names.
func stepChoiceText(c stepChoice, plans core.Plans, amili bool) string {
	switch {
	case !c.byPlan:
		return lang.L("Outside the plan (the choices below)")
	case c.step == 0:
		return lang.L("By the plan")
	}
	name := func(p core.Plan) string {
		if c.step <= len(p.Steps) {
			return p.Steps[c.step-1].Name
		}
		return ""
	}
	company, consumer := name(plans.For(true, amili)), name(plans.For(false, amili))
	switch {
	case company == "" || company == consumer:
		company = consumer
	case consumer != "":
		company += " / " + consumer
	}
	return fmt.Sprintf("%d. %s", c.step, company)
}

// newStepSelect is the batch's step's drop-down, filled once the plans are read.
func (d *remindDialog) newStepSelect() *escSelect {
	s := newEscSelect(nil, func(string) { d.onStepChanged() })
	s.onEsc, s.whole = d.close, true // "Utanför planen (valen nedan)" was cut
	return s
}

// fillSteps offers the plans' steps, and chooses "by the plan" when the dialog opens
// on the plan's view, else "outside the plan".
func (d *remindDialog) fillSteps() {
	s := d.setup
	d.steps = stepChoices(s.plans, s.amili.Activated)
	options := make([]string, len(d.steps))
	for i, c := range d.steps {
		options[i] = stepChoiceText(c, s.plans, s.amili.Activated)
	}
	d.stepSelect.SetOptions(options)
	d.typeRow.Refresh() // the drop-down is as wide as its longest choice now
	d.defaultStep()
}

// defaultStep chooses the step that goes with the view shown — by the plan in the
// plan's view, outside the plan in all overdue — until the user chooses one.
func (d *remindDialog) defaultStep() {
	if d.stepPicked || len(d.steps) == 0 {
		return
	}
	chosen := len(d.steps) - 1
	if d.view == viewByPlan {
		chosen = 0
	}
	d.settingStep = true
	d.stepSelect.SetSelectedIndex(chosen)
	d.settingStep = false
}

// step is the batch's step chosen.
func (d *remindDialog) step() stepChoice {
	if i := d.stepSelect.SelectedIndex(); i >= 0 && i < len(d.steps) {
		return d.steps[i]
	}
	return stepChoice{}
}

// onStepChanged brings the options and totals in line with the step chosen.
func (d *remindDialog) onStepChanged() {
	if !d.settingStep {
		d.stepPicked = true
	}
	if !d.loaded {
		return
	}
	d.say("", widget.MediumImportance)
	d.selectionChanged()
}

// withStep is req sent as the step chosen says.
func (d *remindDialog) withStep(req core.ReminderRequest) core.ReminderRequest {
	c := d.step()
	req.ByPlan, req.Step = c.byPlan, c.step
	if c.byPlan { // the step decides them; core ignores them
		req.ChargeInterest, req.ChargeFee, req.ChargeLateCompensation = false, false, false
	}
	return req
}
