package data

import (
	"github.com/shopspring/decimal"

	"paminn/core"
)

// plansDoc is the stored form of core.Plans inside the settings document. A plan
// never set (the default) is stored as no steps, so a book keeps following the
// default plan as the program's default changes.
type plansDoc struct {
	Companies []planStepDoc `json:"companies,omitempty"`
	Consumers []planStepDoc `json:"consumers,omitempty"`
}

type planStepDoc struct {
	Name            string          `json:"name"`
	Action          string          `json:"action"`
	Days            int             `json:"days"`
	Letter          string          `json:"letter"`
	Email           string          `json:"email"`
	Fee             decimal.Decimal `json:"fee"`
	ChargeInterest  bool            `json:"charge_interest"`
	PaymentTermDays int             `json:"payment_term_days"`
}

func toPlansDoc(p core.Plans) plansDoc {
	return plansDoc{Companies: toPlanStepDocs(p.Companies), Consumers: toPlanStepDocs(p.Consumers)}
}

func toPlanStepDocs(p core.Plan) []planStepDoc {
	var docs []planStepDoc
	for _, s := range p.Steps {
		docs = append(docs, planStepDoc{Name: s.Name, Action: string(s.Action), Days: s.Days, Letter: s.Letter,
			Email: s.Email, Fee: s.Fee, ChargeInterest: s.ChargeInterest, PaymentTermDays: s.PaymentTermDays})
	}
	return docs
}

func (d plansDoc) plans() core.Plans {
	return core.Plans{Companies: planOf(d.Companies), Consumers: planOf(d.Consumers)}
}

func planOf(docs []planStepDoc) core.Plan {
	var p core.Plan
	for _, s := range docs {
		p.Steps = append(p.Steps, core.PlanStep{Name: s.Name, Action: core.StepAction(s.Action), Days: s.Days,
			Letter: s.Letter, Email: s.Email, Fee: s.Fee, ChargeInterest: s.ChargeInterest,
			PaymentTermDays: s.PaymentTermDays})
	}
	return p
}
