package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"paminn/data/testbook"
)

func TestABookThatCannotBeOpenedIsExplainedInAWindow(t *testing.T) {
	a := test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "inte-en-bok.db")
	if err := os.WriteFile(path, []byte("hej"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := testbook.OpenError(path)
	if err == nil {
		t.Fatal("a text file opened as a book")
	}
	w := NewStartupErrorWindow(a, err)
	shown := strings.Join(labelTexts(w.Content()), "\n")
	for _, want := range []string{"Boken gick inte att öppna", "inte-en-bok.db är ingen Påminn-fil"} {
		if !strings.Contains(shown, want) {
			t.Errorf("the window does not say %q: %q", want, shown)
		}
	}
	if !hasButton(w.Content(), "Stäng") {
		t.Error("the window has no Stäng button")
	}
}
