package gui

import (
	"context"
	"fmt"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// fileImport is one customer or invoice file on its way into the book: the user maps
// its columns when their names are unknown, sees a preview, then imports it all.
type fileImport struct {
	svc  *core.Service
	win  fyne.Window
	kind core.ImportKind
	name string // the file's name, for messages
	file []byte
	done func(name string, res core.ImportResult) // after the import

	preview core.ImportPreview
	dlg     dialog.Dialog // the step shown: mapping or preview

	selects   map[string]*widget.Select // mapping step: the column chosen for each field
	nextBtn   *keyButton                // mapping step: Continue
	summary   *widget.Label             // preview step: what would be imported
	problems  *widget.Label             // preview step: the bad rows by line
	importBtn *keyButton                // preview step: Import
}

// importFileFilter is what the file chooser offers for an import.
var importFileFilter = storage.NewExtensionFileFilter([]string{".csv", ".CSV", ".txt", ".TXT", ".xlsx", ".XLSX"})

// chooseImportFile lets the user pick a file of kind k and leads them through its
// import; done runs after it.
func chooseImportFile(svc *core.Service, win fyne.Window, k core.ImportKind, done func(string, core.ImportResult)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			showError(err, win)
			return
		}
		if r == nil {
			return
		}
		name := r.URI().Name()
		background(func(context.Context) ([]byte, error) {
			defer r.Close()
			return readImportFile(r)
		}, func(file []byte, err error) {
			if err != nil {
				showError(err, win)
				return
			}
			newFileImport(svc, win, k, name, file, done).start()
		})
	}, win)
	d.SetFilter(importFileFilter)
	d.Resize(fileDialogSize(win))
	showDialog(d, win)
}

// fileDialogSize is a file chooser's size in win: 900×600, or what the window
// leaves at 1024×768, so its buttons stay on the screen.
func fileDialogSize(win fyne.Window) fyne.Size {
	size := win.Canvas().Size()
	return fyne.NewSize(min(900, size.Width-40), min(600, size.Height-40))
}

// readImportFile reads a file to import, at most one byte past core.MaxImportBytes,
// so the import itself says when it is too large.
func readImportFile(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, core.MaxImportBytes+1))
	if err != nil {
		return nil, core.Wrap(err, core.EUNAVAILABLE, "The file could not be read", nil)
	}
	return b, nil
}

func newFileImport(svc *core.Service, win fyne.Window, k core.ImportKind, name string, file []byte,
	done func(string, core.ImportResult)) *fileImport {
	return &fileImport{svc: svc, win: win, kind: k, name: name, file: file, done: done}
}

// start previews the file: by its headers, or by the mapping chosen before for them.
func (fi *fileImport) start() {
	background(func(ctx context.Context) (core.ImportPreview, error) {
		return fi.svc.PreviewImport(ctx, fi.kind, fi.file)
	}, fi.onPreview)
}

// onPreview shows the preview, or the mapping step when the columns need the user.
func (fi *fileImport) onPreview(p core.ImportPreview, err error) {
	if err != nil {
		showError(err, fi.win)
		return
	}
	fi.preview = p
	if p.NeedsMapping {
		fi.showMapping()
		return
	}
	fi.showPreview()
}

// switchTo replaces the step shown with content under title.
func (fi *fileImport) switchTo(title string, content fyne.CanvasObject) {
	if fi.dlg != nil {
		fi.dlg.Hide()
	}
	fi.dlg = dialog.NewCustomWithoutButtons(title, content, fi.win)
	size := fi.win.Canvas().Size()
	fi.dlg.Resize(fyne.NewSize(min(900, size.Width-40), min(640, size.Height-40)))
	fi.dlg.Show()
	escapable(fi.win, fi.close)
}

func (fi *fileImport) close() {
	if fi.dlg != nil {
		fi.dlg.Hide()
	}
}

// sampleTable shows the file's header and first rows as they were read; with
// fields, a line under the header says which field each column is read into.
func sampleTable(s core.ImportSample, fields []string) *widget.Table {
	top := 1 // the header
	if fields != nil {
		top = 2
	}
	t := widget.NewTable(
		func() (int, int) { return len(s.Rows) + top, len(s.Header) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			l.TextStyle = fyne.TextStyle{Bold: id.Row == 0, Italic: id.Row == 1 && top == 2}
			l.Importance = widget.MediumImportance
			switch {
			case id.Row == 0:
				l.SetText(s.Header[id.Col])
			case id.Row < top:
				l.Importance = widget.LowImportance
				l.SetText(fields[id.Col])
			default:
				l.SetText(s.Rows[id.Row-top][id.Col])
			}
		})
	for i := range s.Header {
		t.SetColumnWidth(i, 140)
	}
	return t
}

// fieldsOfColumns names, for each of the file's width columns, the field m reads
// from it: "→ Förfallodatum", or "(not imported)".
func fieldsOfColumns(k core.ImportKind, m core.ColumnMapping, width int) []string {
	out := make([]string, width)
	for i := range out {
		out[i] = lang.L("(not imported)")
	}
	for _, f := range core.ImportFields(k) {
		if i, ok := m[f.Key]; ok && i < width {
			out[i] = "→ " + lang.L(f.Label)
		}
	}
	return out
}

// columnChoice is how a column is offered in a field's select: "2: Kund".
func columnChoice(i int, header string) string { return fmt.Sprintf("%d: %s", i+1, header) }

// showMapping asks for the column of each field, with the file's first rows below.
func (fi *fileImport) showMapping() {
	header := fi.preview.Sample.Header
	options := []string{lang.L("(not in the file)")}
	for i, h := range header {
		options = append(options, columnChoice(i, h))
	}
	fi.selects = map[string]*widget.Select{}
	fi.nextBtn = nil
	form := widget.NewForm()
	for _, f := range core.ImportFields(fi.kind) {
		sel := widget.NewSelect(options, func(string) { fi.checkMapping() })
		sel.SetSelectedIndex(0)
		if i, ok := fi.preview.Mapping[f.Key]; ok && i+1 < len(options) {
			sel.SetSelectedIndex(i + 1)
		}
		label := lang.L(f.Label)
		if f.Required {
			label += " *"
		}
		fi.selects[f.Key] = sel
		form.Append(label, sel)
	}
	intro := widget.NewLabel(lang.L("Påminn does not know every column of {{.File}}. Choose the file's column for each field (* is required); the choice is remembered for files with the same headers.",
		map[string]any{"File": fi.name}))
	intro.Wrapping = fyne.TextWrapWord
	fi.summary = widget.NewLabel("")
	fi.summary.Importance = widget.WarningImportance
	cancel := widget.NewButton(lang.L("Cancel"), fi.close)
	fi.nextBtn = newPrimaryButton(lang.L("Continue"), nil, fi.onContinue)
	buttons := container.NewHBox(fi.summary, layout.NewSpacer(), cancel, fi.nextBtn)
	split := container.NewVSplit(container.NewVScroll(form), sampleTable(fi.preview.Sample, nil))
	split.Offset = 0.62
	fi.switchTo(lang.L("Choose the columns"), container.NewBorder(intro, buttons, nil, nil, split))
	fi.checkMapping()
}

// chosenMapping is the mapping the selects show.
func (fi *fileImport) chosenMapping() core.ColumnMapping {
	m := core.ColumnMapping{}
	for key, sel := range fi.selects {
		if i := sel.SelectedIndex(); i > 0 {
			m[key] = i - 1
		}
	}
	return m
}

// checkMapping lets the user continue once every required field has a column and
// no column serves two fields, and says what is missing otherwise.
func (fi *fileImport) checkMapping() {
	if fi.nextBtn == nil {
		return // still building the step
	}
	m := fi.chosenMapping()
	used := map[int]bool{}
	for _, f := range core.ImportFields(fi.kind) {
		i, ok := m[f.Key]
		switch {
		case !ok && f.Required:
			fi.blockMapping(lang.L("Choose a column for {{.Field}}", map[string]any{"Field": lang.L(f.Label)}))
			return
		case ok && used[i]:
			fi.blockMapping(lang.L("Column {{.Column}} is chosen twice", map[string]any{"Column": i + 1}))
			return
		}
		if ok {
			used[i] = true
		}
	}
	fi.summary.SetText("")
	fi.nextBtn.Enable()
}

func (fi *fileImport) blockMapping(reason string) {
	fi.summary.SetText(reason)
	fi.nextBtn.Disable()
}

// onContinue previews the file with the chosen columns.
func (fi *fileImport) onContinue() {
	m := fi.chosenMapping()
	fi.nextBtn.Disable()
	background(func(ctx context.Context) (core.ImportPreview, error) {
		return fi.svc.PreviewImportWith(ctx, fi.kind, fi.file, m)
	}, func(p core.ImportPreview, err error) {
		fi.nextBtn.Enable()
		fi.onPreview(p, err)
	})
}

// startImport leads the user through importing a file of kind k into the book.
func (t *customerTab) startImport(k core.ImportKind) {
	chooseImportFile(t.svc, t.win, k, t.onImported)
}

// onImported says what the import brought in; the views reload on the service's
// OnChange.
func (t *customerTab) onImported(name string, res core.ImportResult) {
	msg := lang.L("{{.File}}: {{.Customers}} customers and {{.Invoices}} invoices imported",
		map[string]any{"File": name, "Customers": res.Customers, "Invoices": res.Invoices})
	t.lastImport.SetText(msg)
	showInfo(lang.L("Import finished"), msg, t.win)
}
