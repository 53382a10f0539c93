package gui

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

// rateEditor edits the Riksbank reference-rate table, one row per half-year: the
// half-year under way first, the one a user looks for, then the latest first.
type rateEditor struct {
	svc     *core.Service
	win     fyne.Window
	rows    []*rateRow
	list    *fyne.Container
	addBtn  *widget.Button
	saveBtn *widget.Button
	content fyne.CanvasObject
	// onLoaded, if set, runs after each load has filled the rows.
	onLoaded func()
	// saved is the rows as last loaded or saved (snapshot), to tell unsaved changes.
	saved string
	// onEdited, if set, runs when a row is typed in, added or refilled.
	onEdited func()
}

func newRateEditor(svc *core.Service, win fyne.Window) *rateEditor {
	e := &rateEditor{svc: svc, win: win, list: container.NewVBox()}
	e.addBtn = widget.NewButtonWithIcon(lang.L("Add half-year"), theme.ContentAddIcon(), e.onAdd)
	e.saveBtn = widget.NewButtonWithIcon(lang.L("Save reference rates"), theme.DocumentSaveIcon(), e.onSave)
	header := container.New(rateColumns{}, boldLabel("Year"), boldLabel("Half-year"), boldLabel("Rate (%)"), widget.NewLabel(""))
	e.content = container.NewVBox(header, e.list, container.NewHBox(e.addBtn, e.saveBtn))
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
		e.show(rates)
		e.saved = e.snapshot()
		if e.onEdited != nil {
			e.onEdited()
		}
		if e.onLoaded != nil {
			e.onLoaded()
		}
	})
}

// show replaces the rows with rates, in rowOrder, laid out once.
func (e *rateEditor) show(rates []core.ReferenceRate) {
	rs := slices.Clone(rates)
	slices.SortStableFunc(rs, func(a, b core.ReferenceRate) int { return e.rowOrder(b.HalfYear()) - e.rowOrder(a.HalfYear()) })
	e.rows = make([]*rateRow, len(rs))
	objects := make([]fyne.CanvasObject, len(rs))
	for i, r := range rs {
		e.rows[i] = e.newRow(r)
		objects[i] = e.rows[i].line()
	}
	e.list.Objects = objects
	e.list.Refresh()
}

// newRow builds an editable row showing r, which tells onEdited of every edit.
func (e *rateEditor) newRow(r core.ReferenceRate) *rateRow {
	row := &rateRow{year: widget.NewEntry(), half: widget.NewSelect(halfNames(), nil), rate: widget.NewEntry(),
		preliminary: widget.NewCheck(lang.L("(preliminary)"), nil)}
	row.year.SetText(strconv.Itoa(r.Year))
	row.half.SetSelectedIndex(max(r.Half-1, 0))
	row.rate.SetText(amountText(r.Rate))
	row.preliminary.SetChecked(r.Preliminary)
	edited := func() {
		if e.onEdited != nil {
			e.onEdited()
		}
	}
	row.year.OnChanged = func(string) { edited() }
	row.rate.OnChanged = func(string) { edited() }
	row.half.OnChanged = func(string) { edited() }
	row.preliminary.OnChanged = func(bool) { edited() }
	return row
}

// line is the row as a line of the table.
func (r *rateRow) line() fyne.CanvasObject {
	return container.New(rateColumns{}, r.year, r.half, r.rate, r.preliminary)
}

// addRow adds an editable row showing r in its place (rowOrder; after the rows it
// cannot read), and returns it.
func (e *rateEditor) addRow(r core.ReferenceRate) *rateRow {
	row := e.newRow(r)
	at := len(e.rows)
	for i, other := range e.rows {
		if o, err := other.readHalf(); err == nil && e.rowOrder(o) < e.rowOrder(r.HalfYear()) {
			at = i
			break
		}
	}
	e.rows = slices.Insert(e.rows, at, row)
	objects := slices.Clone(e.list.Objects)
	e.list.Objects = slices.Insert(objects, at, row.line())
	e.list.Refresh()
	if e.onEdited != nil {
		e.onEdited()
	}
	return row
}

// halfOrder numbers half-years in time order.
func halfOrder(h core.HalfYear) int { return h.Year*2 + h.Half - 1 }

// rowOrder ranks h in the table, highest first: the half-year under way, then the
// rest by time, the latest first.
func (e *rateEditor) rowOrder(h core.HalfYear) int {
	if h == core.HalfYearOf(e.svc.Today()) {
		return math.MaxInt
	}
	return halfOrder(h)
}

// rowObject is the line of the table that shows row.
func (e *rateEditor) rowObject(row *rateRow) fyne.CanvasObject {
	return e.list.Objects[slices.Index(e.rows, row)]
}

// snapshot is the table as typed, to compare with saved.
func (e *rateEditor) snapshot() string {
	var b strings.Builder
	for _, row := range e.rows {
		fmt.Fprintf(&b, "%s|%d|%s|%v\n", row.year.Text, row.half.SelectedIndex(), row.rate.Text, row.preliminary.Checked)
	}
	return b.String()
}

// changed says whether the table differs from what was last loaded or saved.
func (e *rateEditor) changed() bool { return e.snapshot() != e.saved }

// row returns the row showing half-year h, or nil.
func (e *rateEditor) row(h core.HalfYear) *rateRow {
	for _, row := range e.rows {
		if r, err := row.read(); err == nil && r.HalfYear() == h {
			return row
		}
	}
	return nil
}

// onAdd adds the half-year after the latest row, marked preliminary, with its
// rate, and puts the cursor in its rate.
func (e *rateEditor) onAdd() {
	next := core.ReferenceRate{Year: e.svc.Today().Year, Half: 1, Preliminary: true}
	if latest := e.latest(); latest != nil {
		last, err := latest.read()
		if err == nil {
			next.Year, next.Half, next.Rate = last.Year, last.Half+1, last.Rate
			if next.Half > 2 {
				next.Year, next.Half = next.Year+1, 1
			}
		}
	}
	row := e.addRow(next)
	if c := e.win.Canvas(); c != nil {
		c.Focus(row.rate)
	}
}

// latest is the row of the latest half-year, or nil.
func (e *rateEditor) latest() *rateRow {
	var latest *rateRow
	best := -1
	for _, row := range e.rows {
		if h, err := row.readHalf(); err == nil && halfOrder(h) > best {
			latest, best = row, halfOrder(h)
		}
	}
	return latest
}

// readHalf reads the row's half-year alone, whatever its rate says.
func (r *rateRow) readHalf() (core.HalfYear, error) {
	year, err := parseWhole(r.year.Text, "Year")
	if err != nil {
		return core.HalfYear{}, err
	}
	return core.HalfYear{Year: year, Half: r.half.SelectedIndex() + 1}, nil
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

// read reads every row, or says which is wrong.
func (e *rateEditor) read() ([]core.ReferenceRate, error) {
	rates := make([]core.ReferenceRate, 0, len(e.rows))
	for _, row := range e.rows {
		r, err := row.read()
		if err != nil {
			return nil, err
		}
		rates = append(rates, r)
	}
	return rates, nil
}

func (e *rateEditor) onSave() {
	rates, err := e.read()
	if err != nil {
		showError(err, e.win)
		return
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
		showInfo(lang.L("Reference rates"), lang.L("The reference rates are saved."), e.win)
		e.load()
	})
}
