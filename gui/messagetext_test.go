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
