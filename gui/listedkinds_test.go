package gui

import (
	"testing"

	"paminn/assets"
	"paminn/core"
	"paminn/data/testbook"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestEveryTypeChannelAndProblemHasItsWords walks core's lists: each reminder type,
// channel and problem code must have its words in the dialog, the summary and the
// Reminders tab, in Swedish (sv.json) and English (the key, or en.json), so a new
// value that one of them forgets fails here as well as in core's switch check.
func TestEveryTypeChannelAndProblemHasItsWords(t *testing.T) {
	sv, en := translationFile(t, "sv.json"), translationFile(t, "en.json")
	// keyOf finds the English key whose Swedish text, filled from data, is text.
	keyOf := func(what, text string, data map[string]any) {
		t.Helper()
		for key := range sv {
			if tr(key, data) == text {
				if e, ok := en[key]; ok && e == "" {
					t.Errorf("%s: %q has an empty English text", what, key)
				}
				return
			}
		}
		t.Errorf("%s is %q, which is no Swedish translation", what, text)
	}
	for _, typ := range core.AllReminderTypes() {
		keyOf("the type option of "+string(typ), typeOptionText(typ), nil)
		keyOf("the name of type "+string(typ), reminderTypeText(typ), nil)
		if len(typ.Channels()) == 0 {
			t.Errorf("type %s goes by no channel", typ)
		}
	}
	used := map[core.Channel]bool{}
	for _, typ := range core.AllReminderTypes() {
		for _, ch := range typ.Channels() {
			used[ch] = true
		}
	}
	for _, ch := range core.AllChannels() {
		keyOf("the name of channel "+string(ch), channelText(ch), nil)
		keyOf("the summary's count of channel "+string(ch), channelCountText(ch, 3), map[string]any{"Count": 3})
		if !used[ch] {
			t.Errorf("no reminder type goes by channel %s", ch)
		}
	}
	for _, code := range core.AllProblemCodes() {
		p := core.Problem{Code: code}
		keyOf("the note of problem "+string(code), problemShortText(p), nil)
		keyOf("the notice of problem "+string(code), problemText(p, "1001"), map[string]any{"Number": "1001"})
		if problemText(p, "1001") == problemText(core.Problem{}, "1001") {
			t.Errorf("problem %s is said as an unknown one", code)
		}
	}
}

// translationFile reads one of the translation files.
func translationFile(t *testing.T, name string) map[string]string {
	t.Helper()
	m, err := assets.Translation(name)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestEveryChannelHasItsSettingsCardOnTheSettingsTab: a channel's settings have a
// card, and the tab's layout shows it.
func TestEveryChannelHasItsSettingsCardOnTheSettingsTab(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	for _, ch := range core.AllChannels() {
		card := m.settings.channelCards[ch]
		if card == nil || card.Content == nil {
			t.Errorf("channel %s has no settings card", ch)
			continue
		}
		if !holds(m.settings.content, card) {
			t.Errorf("the settings tab does not show the card of channel %s (%q)", ch, card.Title)
		}
	}
}

// holds reports whether o is target or has it inside.
func holds(o, target fyne.CanvasObject) bool {
	if o == target {
		return true
	}
	switch x := o.(type) {
	case *fyne.Container:
		for _, child := range x.Objects {
			if holds(child, target) {
				return true
			}
		}
	case fyne.Widget:
		for _, child := range test.WidgetRenderer(x).Objects() {
			if holds(child, target) {
				return true
			}
		}
	}
	return false
}
