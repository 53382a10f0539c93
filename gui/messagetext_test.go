package gui

import (
	"bytes"
	"log"
	"os"
	"strings"
	"testing"

	"paminn/core"
)

// A reminder that has not failed has no message: Påminnelser's Error column shows
// nothing for it, and the program's log is not filled with "Translation failure"
// for every such row (it was, eight times per batch shown).
func TestNoStoredMessageIsNoTextAndNoTranslationFailure(t *testing.T) {
	loadTranslations()
	var logged bytes.Buffer
	log.SetOutput(&logged)
	t.Cleanup(func() { log.SetOutput(os.Stderr) })
	if got := messageText(core.Reminder{State: core.DeliverySent}.FailureMessage()); got != "" {
		t.Errorf("a sent reminder's error text is %q, want none", got)
	}
	if strings.Contains(logged.String(), "Translation failure") {
		t.Errorf("the log says %q", logged.String())
	}
}

// A pause's line in an invoice's history reads in Swedish with and without its end
// date and note.
func TestAPausesHistoryLineReadsInSwedish(t *testing.T) {
	loadTranslations()
	until := core.NewDate(2027, 1, 6)
	for _, tt := range []struct {
		m    core.Message
		want string
	}{
		{core.PauseHistory(core.Pause{Reason: core.PauseDispute, Note: "fel pris", Until: until}), "Pausad: kunden bestrider fordran, till och med 2027-01-06. fel pris"},
		{core.PauseHistory(core.Pause{Reason: core.PausePlan}), "Pausad: avbetalningsplan överenskommen"},
		{core.PauseHistory(core.Pause{Reason: core.PauseOther, Note: "väntar på kreditnota"}), "Pausad: väntar på kreditnota"},
		{core.UnpauseHistory(), "Pausen avslutades"},
	} {
		if got := messageText(tt.m); got != tt.want {
			t.Errorf("%q reads %q, want %q", tt.m.Template, got, tt.want)
		}
	}
}
