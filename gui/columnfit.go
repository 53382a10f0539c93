package gui

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cutShare is how far a column whose text may be cut (see column.cut) narrows when
// the table lacks room: to this share of its width, the rest shown on hover.
const cutShare = 0.55

// columnFit lays a table out so its columns share the table's width: a table whose
// columns are wider than the window scrolls sideways, which at 1024×768 hid the
// invoice list's last columns. When there is room to spare it goes to the columns
// of text that may be cut (names, statuses, notes). When there is too little, the
// columns narrow step by step (see fitSteps), each step only as far as needed:
// headers lose the room kept for the sort arrow, then are cut to their column's
// content, then the text that may be cut narrows; figures and dates stay whole.
//
// A table with columns that give way (column.givesWay, and a columnTable.shown)
// leaves them out one at a time, in their order, while the others lack room for
// their whole headers: a less needed column goes before the needed ones are cut to a
// few letters. Fewest, the columns left narrow through the steps as any table's do.
type columnFit struct {
	table *widget.Table
	sets  []columnSet // every column, then one fewer each time one gives way
	shown *shownColumns
	set   []float32 // the widths last given to the table
}

// columnSet is a set of a table's columns as columnFit narrows them.
type columnSet struct {
	cols  []int       // their indexes in the table's columns
	steps [][]float32 // their widths at each step, widest first
	grow  []bool      // the column gets the room to spare
}

// fitted wraps t, showing ct, in a container that shares its width among the
// columns; shown is t as the window should hold it (the widget that extends t).
func (ct columnTable[R, K]) fitted(t *widget.Table, shown fyne.CanvasObject) *fyne.Container {
	f := &columnFit{table: t, shown: ct.shown}
	for gone := 0; ; gone++ {
		f.sets = append(f.sets, newColumnSet(ct.cols, func(c column[R, K]) bool { return c.givesWay == 0 || c.givesWay > gone }))
		if ct.shown == nil || !slices.ContainsFunc(ct.cols, func(c column[R, K]) bool { return c.givesWay > gone }) {
			return container.New(f, shown)
		}
	}
}

// newColumnSet is the set of cols that keep.
func newColumnSet[R any, K comparable](cols []column[R, K], keep func(column[R, K]) bool) columnSet {
	var set columnSet
	var kept []column[R, K]
	for i, c := range cols {
		if keep(c) {
			set.cols, kept = append(set.cols, i), append(kept, c)
			set.grow = append(set.grow, c.cut)
		}
	}
	set.steps = fitSteps(kept)
	return set
}

// room is the width a table of size's width has for n columns: the table puts a
// padding between columns and its scroll bar over the last one.
func room(width float32, n int) float32 {
	return width - theme.Padding()*float32(n) - theme.ScrollBarSize()
}

// fitSteps are the widths cols narrow through, widest first: whole headers with
// the sort arrow's room; whole headers; headers cut to the content's width while
// the text that may be cut gives up half of what it may; that text narrowed.
func fitSteps[R any, K comparable](cols []column[R, K]) [][]float32 {
	steps := make([][]float32, 4)
	for _, c := range cols {
		content, cut := c.width, c.width
		if c.cut {
			cut = c.width * cutShare
			content = (c.width + cut) / 2
		}
		steps[0] = append(steps[0], columnWidth(c.title, c.width, c.sortable()))
		steps[1] = append(steps[1], columnWidth(c.title, c.width, false))
		steps[2] = append(steps[2], content)
		steps[3] = append(steps[3], cut)
	}
	return steps
}

// MinSize is the table's.
func (f *columnFit) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return f.table.MinSize()
}

// Layout sets the column widths for the width, leaving out the columns that give
// way when the others lack room, then lays the table over all of size.
func (f *columnFit) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	set := f.columnsFor(size.Width)
	widths := shareWidths(set.steps, set.grow, room(size.Width, len(set.cols)))
	changed := len(f.set) != len(widths)
	for i, w := range widths {
		if changed || f.set[i] != w {
			changed = true
			f.table.SetColumnWidth(i, w)
		}
	}
	f.set = widths
	if changed && f.shown != nil {
		f.table.Refresh() // the cells show the columns now shown
	}
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// columnsFor is the set of columns shown at width: the first (with most columns)
// whose headers fit whole, else the last. It tells the table.
func (f *columnFit) columnsFor(width float32) *columnSet {
	set := &f.sets[len(f.sets)-1]
	for i := range f.sets {
		if s := &f.sets[i]; sum(s.steps[1]) <= room(width, len(s.cols)) {
			set = s
			break
		}
	}
	if f.shown != nil {
		f.shown.cols = set.cols
	}
	return set
}

// shareWidths shares room among columns that narrow through steps (widest first).
// With room to spare each column has its widest, and the spare goes to the columns
// marked grow (to all alike when none is). Short of room, the columns narrow from
// one step towards the next, each in proportion to what the step takes from it,
// only as far as needed. When even the narrowest step does not fit, that is what
// they get, and the table scrolls.
func shareWidths(steps [][]float32, grow []bool, room float32) []float32 {
	out := append([]float32(nil), steps[0]...)
	total := sum(out)
	if total <= room {
		share := func(i int) bool { return grow[i] || !anyTrue(grow) }
		var weight float32
		for i, w := range out {
			if share(i) {
				weight += w
			}
		}
		spare := room - total
		for i, w := range out {
			if share(i) && weight > 0 {
				out[i] = w + spare*w/weight
			}
		}
		return out
	}
	for _, next := range steps[1:] {
		short := sum(out) - room
		if short <= 0 {
			break
		}
		slack := sum(out) - sum(next)
		if slack <= 0 {
			continue
		}
		give := min(short, slack)
		for i := range out {
			out[i] -= give * (out[i] - next[i]) / slack
		}
	}
	return out
}

func sum(xs []float32) float32 {
	var s float32
	for _, x := range xs {
		s += x
	}
	return s
}

func anyTrue(bs []bool) bool {
	for _, b := range bs {
		if b {
			return true
		}
	}
	return false
}
