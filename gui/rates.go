package gui

import (
	"context"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// rateRow is one editable row of the reference-rate table.
type rateRow struct {
	year        *widget.Entry
	half        *widget.Select
	rate        *widget.Entry
	preliminary *widget.Check
}

// rateEditor edits the Riksbank reference-rate table, one row per half-year.
type rateEditor struct {
	svc     *core.Service
	win     fyne.Window
	rows    []*rateRow
	list    *fyne.Container
	saveBtn *widget.Button
	content fyne.CanvasObject
	// onLoaded, if set, runs after each load has filled the rows.
	onLoaded func()
}

func newRateEditor(svc *core.Service, win fyne.Window) *rateEditor {
	e := &rateEditor{svc: svc, win: win, list: container.NewVBox()}
	add := widget.NewButtonWithIcon(lang.L("Add half-year"), theme.ContentAddIcon(), e.onAdd)
	e.saveBtn = widget.NewButtonWithIcon(lang.L("Save reference rates"), theme.DocumentSaveIcon(), e.onSave)
	header := container.NewGridWithColumns(4, boldLabel("Year"), boldLabel("Half-year"), boldLabel("Rate (%)"), widget.NewLabel(""))
	e.content = container.NewVBox(header, e.list, container.NewHBox(add, e.saveBtn))
	return e
}

func boldLabel(key string) *widget.Label {
	return widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// halfNames are the half-year select's options: index 0 is half 1.
func halfNames() []string { return []string{lang.L("1 (Jan–Jun)"), lang.L("2 (Jul–Dec)")} }

func (e *rateEditor) load() {
	background(func(ctx context.Context) ([]core.ReferenceRate, error) {
		return e.svc.ReferenceRates(ctx)
	}, func(rates []core.ReferenceRate, err error) {
		if err != nil {
			showError(err, e.win)
			return
		}
		e.rows = nil
		e.list.RemoveAll()
		for _, r := range rates {
			e.addRow(r)
		}
		if e.onLoaded != nil {
			e.onLoaded()
		}
	})
}

// addRow appends an editable row showing r and returns it.
func (e *rateEditor) addRow(r core.ReferenceRate) *rateRow {
	row := &rateRow{year: widget.NewEntry(), half: widget.NewSelect(halfNames(), nil), rate: widget.NewEntry(),
		preliminary: widget.NewCheck(lang.L("(preliminary)"), nil)}
	row.year.SetText(strconv.Itoa(r.Year))
	row.half.SetSelectedIndex(max(r.Half-1, 0))
	row.rate.SetText(amountText(r.Rate))
	row.preliminary.SetChecked(r.Preliminary)
	e.rows = append(e.rows, row)
	e.list.Add(container.NewGridWithColumns(4, row.year, row.half, row.rate, row.preliminary))
	return row
}

// row returns the row showing half-year h, or nil.
func (e *rateEditor) row(h core.HalfYear) *rateRow {
	for _, row := range e.rows {
		if r, err := row.read(); err == nil && r.HalfYear() == h {
			return row
		}
	}
	return nil
}

// onAdd adds the half-year after the last row, marked preliminary, with its rate.
func (e *rateEditor) onAdd() {
	next := core.ReferenceRate{Year: e.svc.Today().Year, Half: 1, Preliminary: true}
	if n := len(e.rows); n > 0 {
		last, err := e.rows[n-1].read()
		if err == nil {
			next.Year, next.Half, next.Rate = last.Year, last.Half+1, last.Rate
			if next.Half > 2 {
				next.Year, next.Half = next.Year+1, 1
			}
		}
	}
	e.addRow(next)
}

func (r *rateRow) read() (core.ReferenceRate, error) {
	year, err := parseWhole(r.year.Text, "Year")
	if err != nil {
		return core.ReferenceRate{}, err
	}
	rate, err := parsePercent(r.rate.Text)
	if err != nil {
		return core.ReferenceRate{}, err
	}
	return core.ReferenceRate{Year: year, Half: r.half.SelectedIndex() + 1, Rate: rate, Preliminary: r.preliminary.Checked}, nil
}

func (e *rateEditor) onSave() {
	rates := make([]core.ReferenceRate, 0, len(e.rows))
	for _, row := range e.rows {
		r, err := row.read()
		if err != nil {
			showError(err, e.win)
			return
		}
		rates = append(rates, r)
	}
	e.saveBtn.Disable()
	backgroundErr(func(ctx context.Context) error {
		return e.svc.SaveReferenceRates(ctx, rates)
	}, func(err error) {
		e.saveBtn.Enable()
		if err != nil {
			showError(err, e.win)
			return
		}
		dialog.ShowInformation(lang.L("Reference rates"), lang.L("The reference rates are saved."), e.win)
		e.load()
	})
}
