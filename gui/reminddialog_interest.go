package gui

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"paminn/core"
)

// interestBar is the reminder dialog's word on late-payment interest (rule 5): the
// rate on the interest check, marked when the reference rate is preliminary, and,
// while a half-year's reference rate is missing, the reason the check is off and a
// button to enter the rate. It listens to the service, so a rate entered meanwhile
// makes interest available without reopening the dialog.
type interestBar struct {
	d        *remindDialog
	reason   *widget.Label
	enterBtn *widget.Button
	box      *fyne.Container
	stop     func()      // stops listening to the service
	rates    *rateDialog // the rate table, once opened from here
}

func newInterestBar(d *remindDialog) *interestBar {
	b := &interestBar{d: d, reason: widget.NewLabel("")}
	b.reason.Importance = widget.WarningImportance
	b.reason.Wrapping = fyne.TextWrapWord
	b.enterBtn = widget.NewButtonWithIcon(lang.L("Enter the reference rate"), theme.DocumentCreateIcon(), b.onEnter)
	b.box = container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), b.enterBtn, b.reason)
	b.box.Hide()
	b.stop = d.svc.OnChange(func() { runOnUI(b.onServiceChanged) })
	return b
}

// interestAvailable reports whether interest can be charged in this dialog.
func (d *remindDialog) interestAvailable() bool { return d.setup.offer.Available() }

// apply shows offer: the interest check's text, and the reason and button while a
// rate is missing.
func (b *interestBar) apply(offer core.InterestOffer) {
	d := b.d
	d.setup.offer = offer
	switch {
	case !offer.Available():
		d.interest.SetText(lang.L("Charge late-payment interest"))
		d.interest.SetChecked(false)
		b.reason.SetText(missingRateText(offer.Missing[0], d.svc.Today()))
		b.box.Show()
	case offer.Rate.Preliminary:
		d.interest.SetText(lang.L("Charge late-payment interest ({{.Rate}}; the reference rate is preliminary)",
			map[string]any{"Rate": core.FormatPercent(offer.Rate.Rate)}))
		b.box.Hide()
	default:
		d.interest.SetText(lang.L("Charge late-payment interest ({{.Rate}})", map[string]any{"Rate": core.FormatPercent(offer.Rate.Rate)}))
		b.box.Hide()
	}
}

// missingRateText says which half-year's reference rate is missing; for the
// half-year under way it also says when the Riksbank publishes it.
func missingRateText(h core.HalfYear, today core.Date) string {
	data := map[string]any{"Year": h.Year, "Half": h.Half}
	switch {
	case h != core.HalfYearOf(today):
		return lang.L("No reference rate for {{.Year}} half-year {{.Half}}; add it under Settings", data)
	case h.Half == 1:
		return lang.L("The reference rate for the first half of {{.Year}} is missing — the Riksbank publishes it at the end of December", data)
	default:
		return lang.L("The reference rate for the second half of {{.Year}} is missing — the Riksbank publishes it at the end of June", data)
	}
}

// onEnter opens the rate table with the missing half-years added, the first focused.
func (b *interestBar) onEnter() {
	b.rates = showRateDialog(b.d.svc, b.d.win, b.d.setup.offer.Missing)
}

// onServiceChanged fetches the offer again; when it changed, it fetches the preview
// interest of the pages read so far (the rows on screen, not the whole book) and
// asks for the selection's totals again, and brings the dialog in line.
func (b *interestBar) onServiceChanged() {
	d := b.d
	if d.closed || !d.loaded {
		return
	}
	before, gen := d.setup.offer, d.gen
	var queries []core.CandidateQuery
	for p, page := range d.pages {
		if page != nil {
			queries = append(queries, d.pageQuery(p))
		}
	}
	background(func(ctx context.Context) (interestRefresh, error) {
		r := interestRefresh{gen: gen}
		var err error
		if r.offer, err = d.svc.InterestOffer(ctx); err != nil || sameOffer(r.offer, before) {
			return r, err
		}
		r.changed = true
		for _, q := range queries {
			page, err := d.svc.CandidatePage(ctx, q)
			if err != nil {
				return r, err
			}
			r.candidates = append(r.candidates, page...)
		}
		return r, nil
	}, b.onRefreshed)
}

// interestRefresh is what onServiceChanged fetched: the new offer and, for the query
// of generation gen, the candidates of the pages then read.
type interestRefresh struct {
	offer      core.InterestOffer
	changed    bool
	gen        int
	candidates []core.Candidate
}

func (b *interestBar) onRefreshed(r interestRefresh, err error) {
	d := b.d
	if d.closed || !r.changed {
		return
	}
	if err != nil {
		showError(err, d.win)
		return
	}
	// Only the interest figures change: the list, its order and the ticks stay.
	if r.gen == d.gen {
		fresh := make(map[int64]*core.Candidate, len(r.candidates))
		for i := range r.candidates {
			fresh[r.candidates[i].Invoice.ID] = &r.candidates[i]
		}
		for _, page := range d.pages {
			for i := range page {
				if c, ok := fresh[page[i].Invoice.ID]; ok {
					page[i].Interest, page[i].InterestRate, page[i].InterestMissing = c.Interest, c.InterestRate, c.InterestMissing
				}
			}
		}
	} // else a new sort or search came meanwhile, and its pages are read under the new rate
	b.apply(r.offer)
	if r.offer.Available() {
		d.say(lang.L("Late-payment interest can be charged now"), widget.SuccessImportance)
	}
	d.list.Refresh()
	d.selectionChanged() // the selection's interest, from the service
}

func sameOffer(a, b core.InterestOffer) bool {
	return a.Rate.HalfYear() == b.Rate.HalfYear() && a.Rate.Rate.Equal(b.Rate.Rate) &&
		a.Rate.Preliminary == b.Rate.Preliminary && slices.Equal(a.Missing, b.Missing)
}
