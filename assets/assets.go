// Package assets holds what Påminn embeds: the translations and the application icon.
package assets

import "embed"

// Translations holds translations/sv.json and translations/en.json for fyne's lang
// package; keys are the English texts.
//
//go:embed translations
var Translations embed.FS

// Icon is the application icon (256×256 PNG).
//
//go:embed icon.png
var Icon []byte
