package gui

// column is one column of a table whose rows are R, declared once: its header,
// its width, what its cells show, and what a tap on its header sorts by. K is the
// table's order (core.SortKey, core.CandidateSort); the zero K, the default, leaves
// the column unsortable, its header not tappable.
type column[R any, K comparable] struct {
	title    string  // English key of the header; "" for none
	width    float32 // at least; wider when the header needs it
	trailing bool    // numbers line up on the right
	cut      bool    // its text may be cut short of room (shown whole on hover)
	// givesWay, above 0, lets the column be left out when the table lacks room
	// (columnFit), in a table with a columnTable.shown: 1 goes first, then 2, …
	givesWay int
	sort     K
	show     func(R) cellLook
}

// unsorted is the order of a table whose columns do not sort.
type unsorted struct{}

// sortable tells whether a tap on the column's header sorts the table.
func (c column[R, K]) sortable() bool {
	var none K
	return c.sort != none
}

// columnOf is the index of the column titled title (its English key), or -1.
func columnOf[R any, K comparable](cols []column[R, K], title string) int {
	for i, c := range cols {
		if c.title == title {
			return i
		}
	}
	return -1
}

// listRows is how many rows, and which on each line, a table of a slice shows.
func listRows[R any](list func() []R) (func() int, func(int) (R, bool)) {
	return func() int { return len(list()) }, func(i int) (R, bool) {
		l := list()
		if i < 0 || i >= len(l) {
			var none R
			return none, false
		}
		return l[i], true
	}
}
