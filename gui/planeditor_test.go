package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data/testbook"
)

// stepNames are the names of the steps the plan editor shows, in order.
func stepNames(e *planEditor) []string {
	var names []string
	for _, s := range e.shown().Steps {
		names = append(names, s.Name)
	}
	return names
}

// tapRowButton taps the button labelled text (or, for "", the one with icon) in
// step row i of the editor.
func tapRowButton(t *testing.T, e *planEditor, i int, text string) {
	t.Helper()
	b := findButton([]fyne.CanvasObject{e.rows.Objects[i]}, text)
	if b == nil {
		t.Fatalf("row %d has no button %q", i, text)
	}
	test.Tap(b)
}

// savedPlans saves the settings page and reads back the book's plans.
func savedPlans(t *testing.T, s *settingsTab, book testbook.Book) core.Plans {
	t.Helper()
	test.Tap(s.saveBtn)
	waitFor(t, "the save", func() bool { return !s.saveBtn.Disabled() && s.win.Canvas().Overlays().Top() != nil })
	set, err := book.Service.Settings(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return set.Plan
}

func TestThePlanEditorShowsTheDefaultPlanStepByStep(t *testing.T) {
	_, _, s := loadedSettings(t, testbook.Options{})
	e := s.plan
	if got := strings.Join(stepNames(e), ", "); got != "Påminnelse 1, Påminnelse 2, Inkassokrav, Amili" {
		t.Errorf("the editor shows %s", got)
	}
	texts := labelTexts(e.rows)
	for _, want := range []string{"1. Påminnelse 1", "Påminnelse · 10 dagar efter förfallodagen · avgift " + formatAmount(core.MaxReminderFee) + " · ränta · 10 dagar att betala",
		"3. Inkassokrav", "Lämna till Amili · 14 dagar efter steget före · bara när Amili är aktiverat"} {
		if !contains(texts, want) {
			t.Errorf("the rows do not show %q: %q", want, texts)
		}
	}
}

func TestAStepEditedAndSavedIsTheBooksPlanAndTheConsumersPlanStaysTheDefault(t *testing.T) {
	_, book, s := loadedSettings(t, testbook.Options{})
	tapRowButton(t, s.plan, 0, "Ändra…")
	st := s.plan.step
	st.name.SetText("Första påminnelsen")
	st.days.SetText("12")
	st.fee.SetText("0")
	test.Tap(st.okBtn)
	if s.unsaved.Text != "Osparade ändringar" {
		t.Errorf("after OK, beside Save: %q", s.unsaved.Text)
	}
	plans := savedPlans(t, s, book)
	got := plans.Companies.Steps
	if len(got) != 4 || got[0].Name != "Första påminnelsen" || got[0].Days != 12 || !got[0].Fee.IsZero() || got[1].Name != "Påminnelse 2" {
		t.Errorf("the book's companies' plan: %+v", got)
	}
	if len(plans.Consumers.Steps) != 0 {
		t.Errorf("the consumers' plan, untouched, was saved as %d steps instead of following the default", len(plans.Consumers.Steps))
	}
	if s.unsaved.Text != "" {
		t.Errorf("after Save, beside Save: %q", s.unsaved.Text)
	}
}

func TestThePreviewFillsThePlaceholdersAsTheTextIsTyped(t *testing.T) {
	_, _, s := loadedSettings(t, testbook.Options{})
	s.name.SetText("Ek & Björk AB")
	s.plan.openStep(0, false)
	st := s.plan.step
	st.fee.SetText("60")
	st.term.SetText("10")
	test.Type(st.letter, "{kund} ") // where the cursor is: at the start
	if !strings.HasPrefix(st.preview.Text, "Exempel AB Hej Exempel AB!") || strings.Contains(st.preview.Text, "{") {
		t.Errorf("typed {kund}, the preview begins %q", st.preview.Text)
	}
	st.letter.SetText("Betala {belopp} senast {betala_senast}. {företag}")
	want := "Betala " + formatAmount(decimal.NewFromInt(1310)) + " senast " + formatDate(testbook.Today.AddDays(10)) + ". Ek & Björk AB"
	if st.preview.Text != want {
		t.Errorf("the preview reads %q, want %q", st.preview.Text, want)
	}
	st.email.SetText("Hej {okänd}")
	if st.preview.Importance != widget.DangerImportance || !strings.Contains(st.preview.Text, "{okänd}") ||
		!strings.Contains(st.preview.Text, "Påminnelse 1") {
		t.Errorf("an unknown placeholder in the e-mail previews as %q", st.preview.Text)
	}
}

func TestABadPlanIsRefusedWithCoresMessageAndTheBookKeepsItsPlan(t *testing.T) {
	_, book, s := loadedSettings(t, testbook.Options{})
	tapRowButton(t, s.plan, 2, "") // the inkassokrav's first icon button: up
	tapRowButton(t, s.plan, 1, "")
	if got := stepNames(s.plan)[0]; got != "Inkassokrav" {
		t.Fatalf("moved up twice, the first step is %s", got)
	}
	wantErr := core.ValidatePlans(s.plan.read())
	if wantErr == nil {
		t.Fatal("core accepts an inkassokrav before any reminder")
	}
	plans := savedPlans(t, s, book)
	if len(plans.Companies.Steps) != 0 {
		t.Errorf("the refused plan was saved: %+v", plans.Companies.Steps)
	}
	if texts := labelTexts(s.win.Canvas().Overlays().Top()); !contains(texts, errorText(wantErr)) {
		t.Errorf("the error shown is %q, want core's %q", texts, errorText(wantErr))
	}
	if s.unsaved.Text == "" || stepNames(s.plan)[0] != "Inkassokrav" {
		t.Error("the refused plan was dropped from the editor: the user cannot mend it")
	}
}

func TestStepsMoveAddAndRemoveAndResetPutsTheDefaultBack(t *testing.T) {
	m, _, s := loadedSettings(t, testbook.Options{})
	e := s.plan
	e.move(0, 1)
	if got := strings.Join(stepNames(e), ", "); got != "Påminnelse 2, Påminnelse 1, Inkassokrav, Amili" {
		t.Errorf("moved down: %s", got)
	}
	test.Tap(e.addBtn)
	if got := strings.Join(stepNames(e), ", "); got != "Påminnelse 2, Påminnelse 1, Påminnelse 3, Inkassokrav, Amili" {
		t.Errorf("added after the last reminder: %s", got)
	}
	if e.step == nil || e.step.index != 2 || m.Window.Canvas().Overlays().Top() == nil {
		t.Fatal("the step added is not open")
	}
	escapeTop(m.Window.Canvas())
	if m.Window.Canvas().Overlays().Top() != nil || len(e.shown().Steps) != 4 {
		t.Errorf("Esc on a step just added left %d steps, dialog open %v", len(e.shown().Steps), m.Window.Canvas().Overlays().Top() != nil)
	}
	e.remove(3)
	if got := strings.Join(stepNames(e), ", "); got != "Påminnelse 2, Påminnelse 1, Inkassokrav" {
		t.Errorf("removed Amili: %s", got)
	}
	test.Tap(e.resetBtn)
	tapOverlayButton(t, m, "Ja")
	if !samePlan(*e.shown(), core.DefaultPlan()) || s.unsaved.Text != "" {
		t.Errorf("after Reset: %s, unsaved %q", strings.Join(stepNames(e), ", "), s.unsaved.Text)
	}
}

func TestEscLeavesAStepAsItWas(t *testing.T) {
	m, _, s := loadedSettings(t, testbook.Options{})
	s.plan.openStep(1, false)
	s.plan.step.name.SetText("Ändrat")
	s.plan.step.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if m.Window.Canvas().Overlays().Top() != nil || stepNames(s.plan)[1] != "Påminnelse 2" || s.unsaved.Text != "" {
		t.Errorf("after Esc: dialog open %v, step %q, unsaved %q", m.Window.Canvas().Overlays().Top() != nil, stepNames(s.plan)[1], s.unsaved.Text)
	}
}

func TestTheConsumersPlanIsEditedApartFromTheCompanies(t *testing.T) {
	_, book, s := loadedSettings(t, testbook.Options{})
	s.plan.kind.SetSelected("Konsumenter")
	s.plan.remove(3)
	s.plan.kind.SetSelected("Företag")
	if len(s.plan.shown().Steps) != 4 {
		t.Fatalf("the companies' plan lost a step the consumers' lost")
	}
	plans := savedPlans(t, s, book)
	if len(plans.Companies.Steps) != 0 || len(plans.Consumers.Steps) != 3 {
		t.Errorf("saved %d steps for companies, %d for consumers; want the default and 3", len(plans.Companies.Steps), len(plans.Consumers.Steps))
	}
}

func TestAnAmiliStepHasNoTextsFeeOrTimeToPay(t *testing.T) {
	_, _, s := loadedSettings(t, testbook.Options{})
	s.plan.openStep(3, false)
	st := s.plan.step
	if !st.letter.Disabled() || !st.fee.Disabled() || !st.term.Disabled() || st.preview.Text != "Amili skriver själv till kunden." {
		t.Errorf("the Amili step offers texts %v, a fee %v, a time to pay %v; preview %q", !st.letter.Disabled(), !st.fee.Disabled(), !st.term.Disabled(), st.preview.Text)
	}
	st.action.SetSelectedIndex(0)
	if st.letter.Disabled() {
		t.Error("made a reminder, the step still has no text")
	}
}

// The mouse wheel over the plan's steps scrolls the settings page, as over a field.
func TestTheWheelScrollsTheSettingsPageOverThePlansSteps(t *testing.T) {
	m, _, s := loadedSettings(t, testbook.Options{})
	m.Window.Resize(fyne.NewSize(1024, 768))
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(s.plan.rows.Objects[1]).Add(fyne.NewPos(20, 10))
	test.Scroll(m.Window.Canvas(), pos, 0, -200)
	if s.page.Offset.Y <= 0 {
		t.Errorf("the page did not scroll: offset %v", s.page.Offset)
	}
}

// Tab goes from field to field of a step's dialog, so it is worked without a mouse.
func TestTheStepDialogIsWorkedByTheKeyboard(t *testing.T) {
	m, _, s := loadedSettings(t, testbook.Options{})
	s.plan.openStep(0, false)
	st := s.plan.step
	c := m.Window.Canvas()
	if c.Focused() != st.name {
		t.Fatalf("the dialog opens with %T focused, want the name", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != st.action {
		t.Errorf("Tab from the name goes to %T, want the kind", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != st.days {
		t.Errorf("Tab from the kind goes to %T, want the days", c.Focused())
	}
}
