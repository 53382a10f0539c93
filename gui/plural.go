package gui

import "fyne.io/fyne/v2/lang"

// counted translates the text of n things: the key one when n is 1, other otherwise
// (Swedish and English have just these two forms), so it reads "1 faktura", not
// "1 fakturor". The count is in the template's field Count, formatted.
func counted(n int, one, other string, data map[string]any) string {
	d := map[string]any{"Count": formatInt(n)}
	for k, v := range data {
		d[k] = v
	}
	if n == 1 {
		return lang.L(one, d)
	}
	return lang.L(other, d)
}
