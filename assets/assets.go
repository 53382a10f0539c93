// Package assets holds what Påminn embeds: the translations and the application icon.
package assets

import (
	"embed"
	"encoding/json"
	"fmt"
)

// Translations holds translations/sv.json and translations/en.json for fyne's lang
// package; keys are the English texts.
//
//go:embed translations
var Translations embed.FS

// Icon is the application icon (256×256 PNG).
//
//go:embed icon.png
var Icon []byte

// Translation reads one translation file ("sv.json", "en.json") as its map from the
// English text to the translated one; for the tests that hold messages to it.
func Translation(name string) (map[string]string, error) {
	b, err := Translations.ReadFile("translations/" + name)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return m, nil
}
