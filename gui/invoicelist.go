package gui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// invoiceColumns are the invoice list's columns; today tells the status.
func invoiceColumns(today func() core.Date, standing func(core.Invoice) core.PlanStanding) []column[core.Invoice, core.SortKey] {
	return append([]column[core.Invoice, core.SortKey]{
		{title: "Invoice no.", width: 85, sort: core.SortNumber, show: func(inv core.Invoice) cellLook { return plain(inv.Number) }},
		{title: "Customer", width: 150, cut: true, sort: core.SortCustomer, show: func(inv core.Invoice) cellLook { return plain(inv.CustomerName) }},
		{title: "Invoice date", width: 100, givesWay: 2, sort: core.SortInvoiceDate, show: func(inv core.Invoice) cellLook { return plain(formatDate(inv.InvoiceDate)) }},
		{title: "Due date", width: 100, sort: core.SortDueDate, show: func(inv core.Invoice) cellLook { return plain(formatDate(inv.DueDate)) }},
		{title: "Amount", width: 110, trailing: true, sort: core.SortTotal, show: func(inv core.Invoice) cellLook { return plain(formatAmount(inv.Total)) }},
		// The balance is the claim: what is unpaid of the invoice and of what its reminders
		// charged. The status is wide enough for "Avgifter kvar".
		{title: "Balance", width: 110, trailing: true, sort: core.SortBalance, show: func(inv core.Invoice) cellLook { return plain(formatAmount(inv.Claim())) }},
		{title: "Status", width: 135, sort: core.SortStatus, show: func(inv core.Invoice) cellLook {
			look := invoiceLook(inv, today())
			if failedLook(inv, today(), &look) {
				return cellLook{text: look.Text, importance: look.Importance, icon: look.Icon}
			}
			return cellLook{text: look.Text, importance: look.Importance, icon: look.Icon}
		}},
		{title: "Reminders", width: 70, trailing: true, givesWay: 1, sort: core.SortReminders, show: func(inv core.Invoice) cellLook { return plain(formatCount(inv.ReminderCount)) }},
		{title: "Last reminded", width: 100, givesWay: 3, sort: core.SortLastReminded, show: func(inv core.Invoice) cellLook { return plain(formatDate(inv.LastReminded)) }},
	}, standingColumns(standing)...)
}

// invoiceList is the Kundfakturor tab: the whole book in a virtualised table whose
// rows are fetched a page at a time, off the UI thread, as they scroll into view.
type invoiceList struct {
	svc *core.Service
	win fyne.Window

	query core.InvoiceQuery // filter, search and sort; offsets are set per page
	// waiveForm is the last form waiving the invoices shown (invoicelist_actions.go).
	waiveForm *formDialog
	gen       int                // bumped by every new query so late pages of an old one are dropped
	ctx       context.Context    // the pages of query gen are read under ctx…
	stop      context.CancelFunc // …which the next query cancels
	today     core.Date
	pages     map[int][]core.Invoice
	standings map[int64]core.PlanStanding // where the invoices read stand in the plan (planstanding.go)
	loading   map[int]bool
	totals    core.InvoiceTotals // of the current query, from its first page
	loaded    bool               // the first page of the current query has arrived
	edits     int                // keystrokes in the search field, so only the last one searches

	selRow int   // selected row, -1 for none
	selID  int64 // the invoice on that row when it was selected

	columns  columnTable[core.Invoice, core.SortKey]
	table    *openTable // a double click or Enter opens the invoice's details
	search   *escEntry  // F10 in it opens the menu
	filter   *widget.Select
	footer   *widget.Label
	plan     *planNotice   // how many invoices the plan has a step due for (plannotice.go)
	detail   *widget.Label // the selected invoice: OCR, Amili case
	payBtn   *widget.Button
	amiliBtn *widget.Button // the selected invoice's Amili case (invoiceamili.go)
	fixBtn   *widget.Button // the selected invoice's corrections (invoicelist_actions.go)
	// amiliDialog is the last Amili dialog opened, for tests.
	amiliDialog *invoiceAmili
	addBtn      *widget.Button
	importBtn   *widget.Button
	remindBtn   *keyButton
	content     fyne.CanvasObject

	// onRemind opens the multi-reminder dialog; set by the main window.
	onRemind func()
	// onImport opens Importera betalningar; set by the main window.
	onImport func()
	// detailActions makes the action buttons of an invoice's details (the lead wires
	// the corrections in here); nil: the details have none.
	detailActions func(core.InvoiceDetails) []fyne.CanvasObject
	// details is the invoice details last opened, for tests.
	details *invoiceDetails

	paidID   int64  // the invoice whose payments paidText describes
	paidText string // the selected invoice's payments, for the status line
}

func newInvoiceList(svc *core.Service, win fyne.Window) *invoiceList {
	l := &invoiceList{svc: svc, win: win, selRow: -1, query: core.InvoiceQuery{Sort: core.SortStatus},
		standings: map[int64]core.PlanStanding{}}
	l.ctx, l.stop = context.WithCancel(context.Background())
	l.build()
	return l
}

func (l *invoiceList) build() {
	l.columns = columnTable[core.Invoice, core.SortKey]{
		cols: invoiceColumns(func() core.Date { return l.today }, l.standingOf),
		rows: func() int { return l.totals.Count },
		row:  l.invoiceAt,
		order: &tableSort[core.SortKey]{
			current: func() (core.SortKey, bool) { return l.query.Sort, l.query.Desc },
			by:      l.sortBy,
		},
		shown: &shownColumns{},
	}
	l.table = newOpenTable(l.columns, l.openDetails)
	l.table.OnSelected = l.onSelected
	l.table.OnUnselected = func(widget.TableCellID) { l.setSelection(-1, 0) }
	l.search = newEscEntry(nil)
	l.search.SetPlaceHolder(lang.L("Search invoice no. or customer (Ctrl+F)"))
	l.search.OnChanged = l.onSearch
	filters, names := filterChoices()
	l.filter = widget.NewSelect(names, nil)
	l.filter.SetSelectedIndex(0)
	l.filter.OnChanged = func(string) {
		l.query.Filter = filters[l.filter.SelectedIndex()]
		l.newQuery()
	}
	l.footer = widget.NewLabel("")
	l.detail = widget.NewLabel("")
	l.detail.Alignment = fyne.TextAlignTrailing
	l.detail.Truncation = fyne.TextTruncateEllipsis
	l.addBtn = widget.NewButtonWithIcon(lang.L("New invoice"), theme.ContentAddIcon(), l.onAddInvoice)
	l.payBtn = widget.NewButtonWithIcon(lang.L("Register payment"), theme.ConfirmIcon(), l.onRegisterPayment)
	l.payBtn.Disable()
	l.amiliBtn = widget.NewButtonWithIcon(lang.L("Amili…"), theme.InfoIcon(), l.onAmili)
	l.amiliBtn.Disable()
	l.fixBtn = l.newActionButton()
	l.importBtn = widget.NewButtonWithIcon(lang.L("Import payments"), theme.DownloadIcon(), func() {
		if l.onImport != nil {
			l.onImport()
		}
	})
	l.remindBtn = newPrimaryButton(lang.L("Create multiple reminders"), theme.MailSendIcon(), func() {
		if l.onRemind != nil {
			l.onRemind()
		}
	})
	// The search and the filter have a row of their own: beside the buttons the
	// search field was squeezed to a few words at the window's default width.
	filterBox := container.NewHBox(widget.NewLabel(lang.L("Show")), l.filter)
	find := container.NewBorder(nil, nil, nil, filterBox, l.search)
	buttons := container.NewBorder(nil, nil, container.NewHBox(l.addBtn, l.payBtn, l.amiliBtn, l.fixBtn), container.NewHBox(l.importBtn, l.remindBtn))
	l.plan = newPlanNotice(l.svc, func() {
		if l.onRemind != nil {
			l.onRemind()
		}
	})
	top := container.NewVBox(find, buttons, l.plan.bar)
	page := borderTopFirst(top, container.NewBorder(nil, nil, l.footer, nil, l.detail), l.columns.fitted(&l.table.Table, l.table))
	l.plan.page, l.content = page, page
}

// invoiceAt returns the invoice on row, asking for its page if it is not here yet.
func (l *invoiceList) invoiceAt(row int) (core.Invoice, bool) {
	p, i := row/core.DefaultPageSize, row%core.DefaultPageSize
	page, ok := l.pages[p]
	if !ok {
		l.fetchPage(p)
		return core.Invoice{}, false
	}
	if i >= len(page) {
		return core.Invoice{}, false
	}
	return page[i], true
}

// fetchPage loads page p of the current query off the UI thread, once.
func (l *invoiceList) fetchPage(p int) {
	if l.loading[p] {
		return
	}
	l.loading[p] = true
	q, gen := l.pageQuery(p), l.gen
	backgroundIn(l.ctx, func(ctx context.Context) (listPage, error) {
		return l.readListPage(ctx, q)
	}, func(page listPage, err error) {
		if gen != l.gen {
			return // an older query's answer
		}
		delete(l.loading, p)
		if err != nil {
			l.pages[p] = nil // shown empty; the next query tries again
			if p == 0 {
				showError(err, l.win)
			}
			return
		}
		l.pages[p] = page.Invoices
		l.keepStandings(page)
		if p == 0 {
			l.totals, l.loaded = page.Totals, true
			l.updateFooter()
		}
		l.refreshDetail()
		l.table.Refresh()
	})
}

// pageQuery asks for page p of the current query. Only the first page counts the
// totals: they do not change while the list scrolls, and on a large book counting
// costs more than the page.
func (l *invoiceList) pageQuery(p int) core.InvoiceQuery {
	q := l.query
	q.Offset, q.Limit = p*core.DefaultPageSize, core.DefaultPageSize
	q.SkipTotals = p > 0
	return q
}

// reload fetches the current query again, keeping the selection; the rows on screen
// stay until the new first page arrives. Pages of the query before still being
// read are cancelled: a search reads the whole book.
func (l *invoiceList) reload() {
	l.gen++
	l.stop()
	l.ctx, l.stop = context.WithCancel(context.Background())
	l.today = l.svc.Today()
	l.pages, l.loading = map[int][]core.Invoice{}, map[int]bool{}
	l.fetchPage(0)
	l.plan.reload()
	if l.selID != 0 {
		l.loadPayments(l.selID)
	}
}

// newQuery starts over after the filter, search or sort changed, with the search as
// typed so far.
func (l *invoiceList) newQuery() {
	l.query.Search = l.search.Text
	l.table.UnselectAll()
	l.setSelection(-1, 0)
	l.loaded = false
	l.reload()
	l.table.ScrollToTop()
}

// searchDelay is how long the search waits after a keystroke for the next one: a
// search reads the whole book (~0.4 s on 100,000 invoices), so a word typed should
// cost one search, not one a letter.
const searchDelay = 250 * time.Millisecond

// onSearch searches once typing pauses; the field itself never waits.
func (l *invoiceList) onSearch(string) {
	l.edits++
	edit := l.edits
	time.AfterFunc(searchDelay, func() {
		runOnUI(func() {
			// A later keystroke searches instead, and a filter or sort change in
			// the meantime has already taken the text.
			if edit == l.edits && l.search.Text != l.query.Search {
				l.newQuery()
			}
		})
	})
}

// sortBy sorts by key, or flips the direction when it already sorts by key.
func (l *invoiceList) sortBy(key core.SortKey) {
	if l.query.Sort == key {
		l.query.Desc = !l.query.Desc
	} else {
		l.query.Sort, l.query.Desc = key, false
	}
	l.newQuery()
}

func (l *invoiceList) updateFooter() {
	t := l.totals
	if t.More {
		// A search matching many invoices is counted up to a bound (core.InvoiceTotals.More).
		l.footer.SetText(lang.L("More than {{.Count}} invoices match: type more to narrow the search",
			map[string]any{"Count": formatInt(t.Count)}))
		return
	}
	text := counted(t.Count, "1 invoice", "{{.Count}} invoices", nil) + " · " +
		counted(t.OverdueCount, "1 overdue", "{{.Count}} overdue", nil) + " · " +
		lang.L("{{.Amount}} overdue in total", map[string]any{"Amount": formatAmount(t.OverdueAmount)})
	if t.ChargesCount > 0 {
		text += " · " + counted(t.ChargesCount, "1 with costs remaining: {{.Amount}}", "{{.Count}} with costs remaining: {{.Amount}}",
			map[string]any{"Amount": formatAmount(t.ChargesAmount)})
	}
	l.footer.SetText(text)
}

func (l *invoiceList) onSelected(id widget.TableCellID) {
	inv, ok := l.invoiceAt(id.Row)
	if !ok {
		l.setSelection(-1, 0)
		return
	}
	l.setSelection(id.Row, inv.ID)
}

func (l *invoiceList) setSelection(row int, id int64) {
	l.selRow, l.selID = row, id
	if id == 0 {
		l.payBtn.Disable()
		l.amiliBtn.Disable()
		l.fixBtn.Disable()
		l.detail.SetText("")
		return
	}
	l.payBtn.Enable()
	l.amiliBtn.Enable()
	l.fixBtn.Enable()
	l.refreshDetail()
	l.loadPayments(id)
}

// loadPayments reads the selected invoice's payments and waivers for the status line.
func (l *invoiceList) loadPayments(id int64) {
	background(func(ctx context.Context) (string, error) {
		ps, err := l.svc.InvoicePayments(ctx, id)
		if err != nil {
			return "", err
		}
		es, err := l.svc.ClaimEntries(ctx, id)
		if err != nil {
			return "", err
		}
		return historyText(ps, es), nil
	}, func(text string, err error) {
		if err != nil || id != l.selID {
			return // the status line is a convenience: a failed read leaves it as it was
		}
		l.paidID, l.paidText = id, text
		l.refreshDetail()
	})
}

// refreshDetail describes the selected invoice in the status line, as last read.
func (l *invoiceList) refreshDetail() {
	if l.selRow < 0 {
		return
	}
	if inv, ok := l.invoiceAt(l.selRow); ok && inv.ID == l.selID {
		text := invoiceDetail(inv)
		if l.paidID == inv.ID && l.paidText != "" {
			text += " · " + l.paidText
		}
		l.detail.SetText(text)
	}
}

// focusSearch puts the cursor in the search field (Ctrl+F).
func (l *invoiceList) focusSearch() { l.win.Canvas().Focus(l.search) }

func (l *invoiceList) onAddInvoice() {
	showInvoiceForm(l.svc, l.win, nil) // the list reloads on the service's OnChange
}

// onAmili opens the selected invoice's Amili dialog.
func (l *invoiceList) onAmili() {
	l.onSelectedInvoice(func(svc *core.Service, win fyne.Window, inv core.Invoice) {
		l.amiliDialog = showInvoiceAmili(svc, win, inv)
	})
}

func (l *invoiceList) onRegisterPayment() {
	id := l.selID
	if id == 0 {
		return
	}
	type claimed struct {
		inv   core.Invoice
		claim core.Parts
	}
	background(func(ctx context.Context) (c claimed, err error) {
		if c.inv, err = l.svc.Invoice(ctx, id); err != nil {
			return c, err
		}
		c.claim, err = l.svc.InvoiceClaim(ctx, id)
		return c, err
	}, func(c claimed, err error) {
		if err != nil {
			showError(err, l.win)
			return
		}
		showPaymentForm(l.svc, l.win, c.inv, c.claim, nil) // the list reloads on the service's OnChange
	})
}

// openDetails opens the details of the selected invoice.
func (l *invoiceList) openDetails() {
	if l.selRow < 0 || l.selID == 0 {
		return
	}
	inv, ok := l.invoiceAt(l.selRow)
	if !ok || inv.ID != l.selID {
		return
	}
	l.details = showInvoiceDetails(l.svc, l.win, inv.ID, inv.Number, l.detailActions)
}

// rowTexts returns the texts shown on row, for tests.
func (l *invoiceList) rowTexts(row int) []string {
	inv, ok := l.invoiceAt(row)
	if !ok {
		return nil
	}
	return l.columns.texts(inv)
}
