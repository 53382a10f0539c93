package gui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"paminn/assets"
)

var translationsOnce sync.Once

// loadTranslations registers Påminn's translations with fyne's lang package once. The
// language follows the system: Swedish on a Swedish system, otherwise English.
func loadTranslations() {
	translationsOnce.Do(func() {
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			fyne.LogError("Could not load translations", err)
		}
	})
}

// tr translates an English key, filling its template fields from data.
func tr(key string, data map[string]any) string {
	if data == nil {
		return lang.L(key)
	}
	return lang.L(key, data)
}
