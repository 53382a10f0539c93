package amili

import (
	"testing"

	"paminn/assets"
)

// The messages naming a refused field are chosen at run time from fieldMessages, where
// the GUI's scan for message literals does not look: each must still be translated.
func TestEveryRefusedFieldMessageHasASwedishTranslation(t *testing.T) {
	sv, err := assets.Translation("sv.json")
	if err != nil {
		t.Fatal(err)
	}
	for field, m := range fieldMessages {
		if sv[m] == "" {
			t.Errorf("%s: %q has no Swedish translation", field, m)
		}
	}
	if sv[unknownFieldMessage] == "" {
		t.Errorf("%q has no Swedish translation", unknownFieldMessage)
	}
}
