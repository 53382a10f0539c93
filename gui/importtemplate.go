package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// templateChoice is what the Save template dialog asks: which file, which language.
type templateChoice struct {
	kind     *typeChoice
	language *typeChoice
}

// onSaveTemplate asks which template to save, in Swedish or English, then where.
func (t *customerTab) onSaveTemplate() {
	c := newTemplateChoice()
	form := []*widget.FormItem{
		widget.NewFormItem(lang.L("File"), c.kind),
		widget.NewFormItem(lang.L("Headers"), c.language),
	}
	showForm(lang.L("Save template"), lang.L("Save…"), lang.L("Cancel"), form, func(ok bool) {
		if ok {
			saveTemplate(t.win, c.chosen())
		}
	}, t.win)
}

func newTemplateChoice() *templateChoice {
	c := &templateChoice{
		kind:     newTypeChoice([]string{lang.L("Customers"), lang.L("Invoices")}, nil, nil),
		language: newTypeChoice([]string{"Svenska", "English"}, nil, nil),
	}
	c.kind.SetSelectedIndex(0)
	c.language.SetSelectedIndex(0)
	if lang.SystemLocale().LanguageString() == "en" {
		c.language.SetSelectedIndex(1)
	}
	return c
}

// template is a template file to save and the name offered for it.
type template struct {
	name string
	file []byte
}

// chosen is the template the choice names.
func (c *templateChoice) chosen() template {
	invoices := c.kind.SelectedIndex() == 1
	swedish := c.language.SelectedIndex() == 0
	k, name := core.ImportCustomers, map[bool]string{true: "kunder-mall.csv", false: "customers-template.csv"}[swedish]
	if invoices {
		k, name = core.ImportInvoices, map[bool]string{true: "fakturor-mall.csv", false: "invoices-template.csv"}[swedish]
	}
	return template{name: name, file: core.ImportTemplate(k, swedish)}
}

// saveTemplate asks where to save tmpl and writes it there.
func saveTemplate(win fyne.Window, tmpl template) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		if w == nil {
			return
		}
		backgroundErr(func(context.Context) error {
			_, err := w.Write(tmpl.file)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			if err != nil {
				return core.Wrap(err, core.EUNAVAILABLE, "The template could not be saved", nil)
			}
			return nil
		}, func(err error) {
			if err != nil {
				showError(err, win)
				return
			}
			showInfo(lang.L("Template saved"),
				lang.L("Fill in one row per line under the headers and import the file."), win)
		})
	}, win)
	d.SetFileName(tmpl.name)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv"}))
	d.Resize(fileDialogSize(win))
	showDialog(d, win)
}
