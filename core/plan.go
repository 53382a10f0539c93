package core

import "github.com/shopspring/decimal"

// StepAction is what a step of the reminder plan does.
type StepAction string

// The step actions, in the only order a plan may take them (ValidatePlan): reminders,
// then the company's own inkassokrav, then the hand-over to Amili.
const (
	StepReminder StepAction = "reminder" // a betalningspåminnelse, letter or e-mail
	StepInkasso  StepAction = "inkasso"  // the company's own inkassokrav (inkassolagen 1974:182)
	StepAmili    StepAction = "amili"    // the hand-over to Visma Amili
)

// AllStepActions lists every step action, in plan order. A switch over StepAction
// names each of them.
func AllStepActions() []StepAction { return []StepAction{StepReminder, StepInkasso, StepAmili} }

// stepRules are what an action's steps must meet and may do.
type stepRules struct {
	rank      int             // a step never comes before one of lower rank
	feeCap    decimal.Decimal // the most the law lets it charge
	writes    bool            // it writes to the customer: texts and a time to pay
	leastDays int             // the least time to pay it may give
	once      bool            // a plan takes it at most once
	afterRem  bool            // it needs a reminder before it
	amili     bool            // it hands the invoice to Amili
	demand    bool            // it is the company's own inkassokrav (inkassokrav.go)
}

// rules are the action's rules; ok is false for an unknown action.
//
// The caps: 60 kr for a written reminder, 180 kr for an inkassokrav (lag (1981:739)
// om ersättning för inkassokostnader m.m. 4 § 2 st. 1 and 2, SFS 2013:56); a hand-over to Amili charges nothing of the company's own (Amili charges
// its own, rule 4). An inkassokrav gives at least MinInkassoPaymentDays to pay and
// comes after a reminder.
func (a StepAction) rules() (r stepRules, ok bool) {
	switch a {
	case StepReminder:
		return stepRules{rank: 0, feeCap: MaxReminderFee, writes: true, leastDays: 1}, true
	case StepInkasso:
		return stepRules{rank: 1, feeCap: MaxPlanInkassoFee, writes: true, leastDays: MinInkassoPaymentDays,
			once: true, afterRem: true, demand: true}, true
	case StepAmili:
		return stepRules{rank: 2, feeCap: decimal.Zero, once: true, amili: true}, true
	}
	return stepRules{}, false
}

// IsReminder says whether a step of action a is a written betalningspåminnelse, the
// steps that come before every other in a plan.
func (a StepAction) IsReminder() bool {
	r, ok := a.rules()
	return ok && r.rank == 0
}

// HandsToAmili says whether a step of action a hands the invoice over to Amili.
func (a StepAction) HandsToAmili() bool {
	r, _ := a.rules()
	return r.amili
}

// IsCollectionDemand says whether a step of action a is the company's own
// inkassokrav, sent as CollectionLetterOf's letter (planinkasso.go).
func (a StepAction) IsCollectionDemand() bool {
	r, _ := a.rules()
	return r.demand
}

// FeeCap is the most the law lets a step of action a charge (see rules).
func (a StepAction) FeeCap() decimal.Decimal {
	r, _ := a.rules()
	return r.feeCap
}

// MaxPlanInkassoFee is the highest ersättning for an inkassokrav, 180 kr (lag
// (1981:739) 4 § 2 st. 2, SFS 2013:56), the cap a plan's inkassokrav step may charge:
// the inkassokrav's own fee (inkassokrav.go).
var MaxPlanInkassoFee = CollectionFeeAmount

// MinInkassoPaymentDays is the least time to pay an inkassokrav may give: eight days
// from when it is sent (inkassolagen (1974:182) 5 § asks for a set time to pay; god
// inkassosed, as IMY states it, that it be no shorter than eight days: imy.se, "Hur
// lång tid har jag på mig för att betala eller bestrida ett inkassokrav?").
const MinInkassoPaymentDays = MinCollectionDays

// PlanStep is one step of a reminder plan.
type PlanStep struct {
	Name   string
	Action StepAction
	// Days is when the step is due: for the first step, days after the invoice's due
	// date; for every later step, days after the previous step was taken.
	Days int
	// Letter and Email are the step's texts, with placeholders (PlanPlaceholders);
	// an Amili step has none (Amili writes its own).
	Letter string
	Email  string
	// Fee is what the step charges where the customer agreed to a fee (zero: none),
	// at most Action.FeeCap.
	Fee decimal.Decimal
	// ChargeInterest is whether the step charges late-payment interest.
	ChargeInterest bool
	// PaymentTermDays is the new time to pay the step gives (not for Amili).
	PaymentTermDays int
}

// Plan is an ordered list of steps; the zero Plan (no steps) stands for the default.
type Plan struct {
	Steps []PlanStep
}

// Plans are the reminder plans of the settings: companies and consumers may follow
// different plans. The zero value is the default plan for both.
type Plans struct {
	Companies Plan
	Consumers Plan
}

// For returns the plan a customer follows, its steps resolved: the default where
// none was set, and without an Amili step while Amili is not activated.
func (p Plans) For(isCompany, amiliActivated bool) Plan {
	plan := p.Consumers
	if isCompany {
		plan = p.Companies
	}
	if len(plan.Steps) == 0 {
		plan = DefaultPlan()
	}
	if amiliActivated {
		return plan
	}
	var kept Plan
	for _, s := range plan.Steps {
		if !s.Action.HandsToAmili() {
			kept.Steps = append(kept.Steps, s)
		}
	}
	return kept
}

// DefaultPlan is the plan of a new book: Påminnelse 1 ten days after the due date,
// Påminnelse 2 fourteen days later, Inkassokrav fourteen days after that, then Amili
// (left out while Amili is not activated, see Plans.For).
func DefaultPlan() Plan {
	return Plan{Steps: []PlanStep{
		{Name: "Påminnelse 1", Action: StepReminder, Days: 10, Letter: defaultReminderText, Email: defaultReminderText,
			Fee: MaxReminderFee, ChargeInterest: true, PaymentTermDays: 10},
		{Name: "Påminnelse 2", Action: StepReminder, Days: 14, Letter: defaultReminderText2, Email: defaultReminderText2,
			Fee: MaxReminderFee, ChargeInterest: true, PaymentTermDays: 10},
		{Name: "Inkassokrav", Action: StepInkasso, Days: 14, Letter: defaultInkassoText, Email: defaultInkassoText,
			Fee: MaxPlanInkassoFee, ChargeInterest: true, PaymentTermDays: MinInkassoPaymentDays},
		{Name: "Amili", Action: StepAmili, Days: 14},
	}}
}

const defaultReminderText = "Hej {kund}!\n\nVi har inte fått betalt för faktura {fakturanummer}, som förföll {förfallodatum}. " +
	"Betala {belopp} senast {betala_senast} till OCR {ocr}. Har du redan betalt kan du bortse från denna påminnelse.\n\n{företag}"

const defaultReminderText2 = "Hej {kund}!\n\nTrots vår påminnelse har vi ännu inte fått betalt för faktura {fakturanummer}. " +
	"Betala {belopp} senast {betala_senast} till OCR {ocr}.\n\n{företag}"

// defaultInkassoText opens the inkassokrav in one paragraph: the demand's own words
// after it say who claims what and on what basis, the figures, the last day, how to
// object and what happens otherwise (inkassolagen 5 §) and the sender, so the text
// does not say them again and the letter stays one page (data/letter/collection.go).
const defaultInkassoText = "Inkassokrav till {kund}. Faktura {fakturanummer} förföll {förfallodatum} och är obetald trots påminnelse. " +
	"Betala {belopp} senast {betala_senast} till OCR {ocr}."
