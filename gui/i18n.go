package gui

import (
	"maps"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"paminn/assets"
	"paminn/core"
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

// tr translates an English key, filling its template fields from data; the
// program's own words among the data (core.Word, core.Words) are translated too.
func tr(key string, data map[string]any) string {
	if data == nil {
		return lang.L(key)
	}
	return lang.L(key, translatedWords(data))
}

// translatedWords is data with its core.Word and core.Words values in the user's
// language; data itself is left as it is.
func translatedWords(data map[string]any) map[string]any {
	var out map[string]any
	for k, v := range data {
		var text string
		switch v := v.(type) {
		case core.Word:
			text = lang.L(string(v))
		case core.Words:
			words := make([]string, len(v))
			for i, w := range v {
				words[i] = lang.L(string(w))
			}
			text = strings.Join(words, ", ")
		default:
			continue
		}
		if out == nil {
			out = maps.Clone(data)
		}
		out[k] = text
	}
	if out == nil {
		return data
	}
	return out
}
