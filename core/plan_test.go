package core

import (
	"errors"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

// planWith is the default plan changed by edit, a copy: the default is never touched.
func planWith(edit func(steps []PlanStep) []PlanStep) Plan {
	steps := append([]PlanStep(nil), DefaultPlan().Steps...)
	return Plan{Steps: edit(steps)}
}

func TestTheDefaultPlanIsValidAndInOrder(t *testing.T) {
	plan := DefaultPlan()
	if err := ValidatePlan(plan); err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, s := range plan.Steps {
		names = append(names, s.Name)
	}
	if got := strings.Join(names, ", "); got != "Påminnelse 1, Påminnelse 2, Inkassokrav, Amili" {
		t.Errorf("default steps %q", got)
	}
}

func TestThePlanACustomerFollows(t *testing.T) {
	own := Plan{Steps: []PlanStep{DefaultPlan().Steps[0]}}
	tests := []struct {
		name               string
		plans              Plans
		company, activated bool
		want               int // steps
	}{
		{"a book that never set a plan follows the default, without Amili while it is not activated", Plans{}, false, false, 3},
		{"with Amili activated the default ends with the hand-over", Plans{}, true, true, 4},
		{"a company follows the companies' plan", Plans{Companies: own}, true, true, 1},
		{"a consumer keeps the default when only the companies' plan was set", Plans{Companies: own}, false, true, 4},
		{"a consumer follows the consumers' plan", Plans{Consumers: own}, false, false, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(tt.plans.For(tt.company, tt.activated).Steps); got != tt.want {
				t.Errorf("%d steps, want %d", got, tt.want)
			}
		})
	}
}

func TestABadPlanIsRefusedWithAClearMessage(t *testing.T) {
	tests := []struct {
		name string
		plan Plan
		want string // the message template
	}{
		{"a plan without steps", Plan{Steps: []PlanStep{}}, "A reminder plan has between 1 and {{.Max}} steps"},
		{"an inkassokrav before a reminder is out of order", planWith(func(s []PlanStep) []PlanStep { return []PlanStep{s[2], s[0]} }),
			"The inkassokrav {{.Step}} needs a reminder before it"},
		{"a reminder after the inkassokrav is out of order", planWith(func(s []PlanStep) []PlanStep { return []PlanStep{s[0], s[2], s[1]} }),
			"The step {{.Step}} cannot come after {{.Previous}}: reminders come first, then the inkassokrav, then Amili"},
		{"a step after Amili is out of order", planWith(func(s []PlanStep) []PlanStep { return []PlanStep{s[0], s[3], s[1]} }),
			"The step {{.Step}} cannot come after {{.Previous}}: reminders come first, then the inkassokrav, then Amili"},
		{"two inkassokrav", planWith(func(s []PlanStep) []PlanStep { return []PlanStep{s[0], s[2], s[2]} }),
			"The plan has more than one step like {{.Step}}; an inkassokrav and a hand-over to Amili are taken once"},
		{"negative days", planWith(func(s []PlanStep) []PlanStep { s[1].Days = -3; return s }),
			"The days of the step {{.Step}} must be between 0 and 365"},
		{"a first step on the due date itself", planWith(func(s []PlanStep) []PlanStep { s[0].Days = 0; return s }),
			"The first step {{.Step}} comes at least one day after the due date"},
		{"a later step on the same day as the one before", planWith(func(s []PlanStep) []PlanStep { s[1].Days = 0; return s }),
			"The step {{.Step}} comes at least one day after the step before it"},
		{"a reminder fee above the law's 60 kr", planWith(func(s []PlanStep) []PlanStep { s[0].Fee = decimal.RequireFromString("60.01"); return s }),
			"The fee of the step {{.Step}} may be at most {{.Cap}} kr"},
		{"an inkassokrav fee above the law's 180 kr", planWith(func(s []PlanStep) []PlanStep { s[2].Fee = decimal.NewFromInt(181); return s }),
			"The fee of the step {{.Step}} may be at most {{.Cap}} kr"},
		{"a fee on the hand-over to Amili", planWith(func(s []PlanStep) []PlanStep { s[3].Fee = decimal.NewFromInt(1); return s }),
			"The fee of the step {{.Step}} may be at most {{.Cap}} kr"},
		{"a negative fee", planWith(func(s []PlanStep) []PlanStep { s[0].Fee = decimal.NewFromInt(-1); return s }),
			"The fee of the step {{.Step}} cannot be negative"},
		{"an empty letter text", planWith(func(s []PlanStep) []PlanStep { s[0].Letter = " \n"; return s }),
			"The text of the step {{.Step}} may not be empty"},
		{"an empty e-mail text", planWith(func(s []PlanStep) []PlanStep { s[1].Email = ""; return s }),
			"The text of the step {{.Step}} may not be empty"},
		{"a placeholder that does not exist", planWith(func(s []PlanStep) []PlanStep { s[0].Letter = "Hej {kundnamn}"; return s }),
			"The step {{.Step}} uses {{.Name}}, which is no placeholder; the text may use {{.Known}}"},
		{"a placeholder left open", planWith(func(s []PlanStep) []PlanStep { s[0].Email = "Hej {kund"; return s }),
			"In the step {{.Step}} a placeholder is not closed: {{.Text}}"},
		{"an inkassokrav giving less than eight days to pay (god inkassosed, IMY)", planWith(func(s []PlanStep) []PlanStep { s[2].PaymentTermDays = 7; return s }),
			"The time to pay of the step {{.Step}} must be between {{.Least}} and 365 days"},
		{"a step without a name", planWith(func(s []PlanStep) []PlanStep { s[1].Name = ""; return s }),
			"Step {{.Number}} needs a name of at most 40 characters"},
		{"a step of an unknown kind", planWith(func(s []PlanStep) []PlanStep { s[1].Action = "sms"; return s }),
			"The step {{.Step}} has an unknown kind {{.Action}}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := ValidatePlan(tt.plan)
			var e *Error
			if !errors.As(err, &e) || e.Code != EINVALID || e.Message != tt.want {
				t.Fatalf("got %v, want EINVALID %q", err, tt.want)
			}
		})
	}
}

func TestSavingABadPlanLeavesTheSettingsUnchanged(t *testing.T) {
	set := DefaultSettings()
	set.Plan.Consumers = planWith(func(s []PlanStep) []PlanStep { s[0].Letter = "{okänd}"; return s })
	if err := ValidateSettings(set); ErrorCodeOf(err) != EINVALID {
		t.Fatalf("ValidateSettings: %v, want EINVALID", err)
	}
	set.Plan.Consumers = Plan{}
	if err := ValidateSettings(set); err != nil {
		t.Fatalf("the default plan refused: %v", err)
	}
}

func TestFillingAPlanText(t *testing.T) {
	values := map[string]string{"kund": "Anna {x}", "fakturanummer": "1042", "belopp": "1 060,00 kr"}
	tests := []struct{ name, text, want string }{
		{"each placeholder is replaced by its value", "Hej {kund}! Faktura {fakturanummer}: {belopp}.", "Hej Anna {x}! Faktura 1042: 1 060,00 kr."},
		{"a placeholder may come twice", "{fakturanummer}/{fakturanummer}", "1042/1042"},
		{"a placeholder without a value becomes empty", "OCR {ocr}.", "OCR ."},
		{"a text without placeholders stays as it is", "Betala nu.", "Betala nu."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := FillPlanText(tt.text, values)
			if err != nil || got != tt.want {
				t.Errorf("got %q, %v; want %q", got, err, tt.want)
			}
		})
	}
}

// FuzzCheckPlanText: any text either passes the check and fills without error, or is
// refused with EINVALID; it never panics.
func FuzzCheckPlanText(f *testing.F) {
	for _, s := range []string{"Hej {kund}", "{", "}", "{}", "{{kund}}", "{kund", "a}{b", DefaultPlan().Steps[0].Letter} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		err := CheckPlanText("Steg", text)
		if err != nil {
			if ErrorCodeOf(err) != EINVALID {
				t.Fatalf("%q: %v", text, err)
			}
			return
		}
		if _, err := FillPlanText(text, nil); err != nil {
			t.Fatalf("%q checked but does not fill: %v", text, err)
		}
	})
}
