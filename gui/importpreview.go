package gui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// showPreview shows what the import would do before anything is written: how many
// rows, the first rows, and every bad row by line; Import only when none is bad.
func (fi *fileImport) showPreview() {
	p := fi.preview
	fi.summary = widget.NewLabel(lang.L("Rows to import: {{.Count}}", map[string]any{"Count": p.Rows}))
	fi.problems = widget.NewLabel("")
	fi.problems.Wrapping = fyne.TextWrapWord
	if p.Problems != nil {
		fi.summary.SetText(lang.L("Rows with errors: {{.Count}}. Nothing is imported until the file is corrected.",
			map[string]any{"Count": p.Problems.Count()}))
		fi.summary.Importance = widget.DangerImportance
		fi.problems.SetText(importRowsText(p.Problems))
	}
	if p.Remembered {
		fi.summary.SetText(fi.summary.Text + " " + lang.L("(columns as chosen before for these headers)"))
	}
	cancel := widget.NewButton(lang.L("Cancel"), fi.close)
	columns := widget.NewButton(lang.L("Change columns…"), fi.showMapping)
	fi.importBtn = newPrimaryButton(lang.L("Import"), nil, fi.onImport)
	if p.Problems != nil || p.Rows == 0 {
		fi.importBtn.Disable()
	}
	buttons := container.NewHBox(columns, layout.NewSpacer(), cancel, fi.importBtn)
	center := fyne.CanvasObject(sampleTable(p.Sample, fieldsOfColumns(p.Kind, p.Mapping, len(p.Sample.Header))))
	if p.Problems != nil {
		split := container.NewVSplit(container.NewVScroll(fi.problems), center)
		split.Offset = 0.5
		center = split
	}
	title := lang.L("Import {{.File}}", map[string]any{"File": fi.name})
	fi.switchTo(title, container.NewBorder(fi.summary, buttons, nil, nil, center))
}

// onImport imports every row, or nothing, and says how it went.
func (fi *fileImport) onImport() {
	fi.importBtn.Disable()
	m := fi.preview.Mapping
	background(func(ctx context.Context) (core.ImportResult, error) {
		return fi.svc.ImportFile(ctx, fi.kind, fi.file, m)
	}, func(res core.ImportResult, err error) {
		if err != nil {
			fi.importBtn.Enable()
			showError(err, fi.win)
			return
		}
		fi.close()
		if fi.done != nil {
			fi.done(fi.name, res)
		}
	})
}
