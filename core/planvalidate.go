package core

// maxPlanSteps bounds a plan; no dunning process has more steps than this.
const maxPlanSteps = 10

// ValidatePlans checks both plans of the settings; a zero plan (the default) is valid.
func ValidatePlans(p Plans) error {
	for _, plan := range []Plan{p.Companies, p.Consumers} {
		if len(plan.Steps) == 0 {
			continue
		}
		if err := ValidatePlan(plan); err != nil {
			return err
		}
	}
	return nil
}

// ValidatePlan checks a plan: between one and maxPlanSteps steps, each valid
// (validateStep), reminders before the inkassokrav and that before Amili, an
// inkassokrav only after a reminder (inkassolagen presumes the debtor was reminded:
// core/RULES.md), and at most one inkassokrav and one Amili step, Amili last.
func ValidatePlan(plan Plan) error {
	if len(plan.Steps) == 0 || len(plan.Steps) > maxPlanSteps {
		return Errorf(EINVALID, "A reminder plan has between 1 and {{.Max}} steps", map[string]any{"Max": maxPlanSteps})
	}
	seen, reminded, lastRank := map[StepAction]bool{}, false, 0
	for i, s := range plan.Steps {
		if err := validateStep(i, s); err != nil {
			return err
		}
		r, _ := s.Action.rules()
		data := map[string]any{"Step": Excerpt(s.Name)}
		switch {
		case r.rank < lastRank:
			data["Previous"] = Excerpt(plan.Steps[i-1].Name)
			return Errorf(EINVALID, "The step {{.Step}} cannot come after {{.Previous}}: reminders come first, then the inkassokrav, then Amili", data)
		case r.once && seen[s.Action]:
			return Errorf(EINVALID, "The plan has more than one step like {{.Step}}; an inkassokrav and a hand-over to Amili are taken once", data)
		case r.afterRem && !reminded:
			return Errorf(EINVALID, "The inkassokrav {{.Step}} needs a reminder before it", data)
		}
		seen[s.Action], lastRank = true, r.rank
		reminded = reminded || (r.writes && !r.afterRem)
	}
	return nil
}

// validateStep checks one step, the i-th (from 0): a name, a known action, days not
// negative (the first at least one: a claim is not reminded on its due date), a fee
// within its action's cap, texts with known placeholders, and a time to pay (for an
// inkassokrav at least MinInkassoPaymentDays).
func validateStep(i int, s PlanStep) error {
	data := map[string]any{"Step": Excerpt(s.Name), "Number": i + 1}
	r, known := s.Action.rules()
	switch {
	case len([]rune(s.Name)) == 0 || len([]rune(s.Name)) > 40:
		return Errorf(EINVALID, "Step {{.Number}} needs a name of at most 40 characters", data)
	case !known:
		data["Action"] = Excerpt(string(s.Action))
		return Errorf(EINVALID, "The step {{.Step}} has an unknown kind {{.Action}}", data)
	case s.Days < 0 || s.Days > 365:
		return Errorf(EINVALID, "The days of the step {{.Step}} must be between 0 and 365", data)
	case i == 0 && s.Days < 1:
		return Errorf(EINVALID, "The first step {{.Step}} comes at least one day after the due date", data)
	case i > 0 && s.Days < 1:
		return Errorf(EINVALID, "The step {{.Step}} comes at least one day after the step before it", data)
	case s.Fee.IsNegative():
		return Errorf(EINVALID, "The fee of the step {{.Step}} cannot be negative", data)
	case s.Fee.GreaterThan(s.Action.FeeCap()):
		data["Cap"] = s.Action.FeeCap().String()
		return Errorf(EINVALID, "The fee of the step {{.Step}} may be at most {{.Cap}} kr", data)
	}
	if err := CheckAmountRange(s.Fee, s.Fee.String()); err != nil {
		return err
	}
	if !r.writes {
		return nil
	}
	return validateStepTerms(s, r.leastDays, data)
}

// validateStepTerms checks what a step that writes to the customer gives: a time to
// pay and its two texts.
func validateStepTerms(s PlanStep, least int, data map[string]any) error {
	if s.PaymentTermDays < least || s.PaymentTermDays > 365 {
		data["Least"] = least
		return Errorf(EINVALID, "The time to pay of the step {{.Step}} must be between {{.Least}} and 365 days", data)
	}
	for _, text := range []string{s.Letter, s.Email} {
		if err := CheckPlanText(s.Name, text); err != nil {
			return err
		}
	}
	return nil
}
