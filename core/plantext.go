package core

import (
	"slices"
	"strings"
)

// PlanPlaceholders are the placeholders a plan step's letter and e-mail text may use,
// each written in braces ({kund}); FillPlanText replaces them.
var PlanPlaceholders = []string{
	"kund",           // the customer's name
	"fakturanummer",  // the invoice number
	"förfallodatum",  // the invoice's due date
	"belopp",         // the claim the step asks for
	"ocr",            // the payment reference
	"betala_senast",  // the new due date the step gives
	"dagar_försenad", // days overdue
	"företag",        // the company's name
}

// maxPlanText bounds a step's text, which ends up on one letter page.
const maxPlanText = 4000

// CheckPlanText checks one text of the step called step: not empty, not over
// maxPlanText characters, every brace closed and every placeholder one of
// PlanPlaceholders. The messages name the step.
func CheckPlanText(step, text string) error {
	data := map[string]any{"Step": Excerpt(step)}
	if strings.TrimSpace(text) == "" {
		return Errorf(EINVALID, "The text of the step {{.Step}} may not be empty", data)
	}
	if n := len([]rune(text)); n > maxPlanText {
		data["Length"], data["Max"] = n, maxPlanText
		return Errorf(EINVALID, "The text of the step {{.Step}} is {{.Length}} characters long; at most {{.Max}} fit", data)
	}
	return eachPlaceholder(step, text, func(string) {})
}

// FillPlanText replaces each placeholder of a text CheckPlanText accepts with its
// value in values (keyed by placeholder name, without braces); a placeholder with no
// value becomes empty.
func FillPlanText(text string, values map[string]string) (string, error) {
	var b strings.Builder
	rest := text
	err := eachPlaceholder("", text, func(name string) {
		i := strings.Index(rest, "{"+name+"}")
		b.WriteString(rest[:i])
		b.WriteString(values[name])
		rest = rest[i+len(name)+2:]
	})
	if err != nil {
		return "", err
	}
	b.WriteString(rest)
	return b.String(), nil
}

// eachPlaceholder calls use with each placeholder's name in text (of the step called
// step), in order, and fails on a brace left open, a closing brace without an
// opening one, or an unknown name.
func eachPlaceholder(step, text string, use func(name string)) error {
	for rest := text; ; {
		open, closing := strings.IndexByte(rest, '{'), strings.IndexByte(rest, '}')
		switch {
		case open < 0 && closing < 0:
			return nil
		case open < 0 || (closing >= 0 && closing < open):
			return Errorf(EINVALID, "In the step {{.Step}} a closing brace has no opening one: {{.Text}}",
				map[string]any{"Step": Excerpt(step), "Text": Excerpt(rest)})
		case closing < 0:
			return Errorf(EINVALID, "In the step {{.Step}} a placeholder is not closed: {{.Text}}",
				map[string]any{"Step": Excerpt(step), "Text": Excerpt(rest[open:])})
		}
		name := rest[open+1 : closing]
		if !slices.Contains(PlanPlaceholders, name) {
			return Errorf(EINVALID, "The step {{.Step}} uses {{.Name}}, which is no placeholder; the text may use {{.Known}}",
				map[string]any{"Step": Excerpt(step), "Name": Excerpt("{" + name + "}"), "Known": "{" + strings.Join(PlanPlaceholders, "}, {") + "}"})
		}
		use(name)
		rest = rest[closing+1:]
	}
}
