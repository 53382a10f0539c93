package gui

import (
	"slices"
	"strings"

	"github.com/shopspring/decimal"
	"golang.org/x/text/collate"
	"golang.org/x/text/language"

	"paminn/core"
)

// customerSort is what the Kunder tab is ordered by; the zero value leaves a column
// unsortable.
type customerSort int

// The Kunder tab's orders, one per column.
const (
	customerUnsorted customerSort = iota
	byCustomerNumber
	byCustomerName
	byCustomerIDNumber
	byCustomerType
	byCustomerEmail
	byCustomerCity
	byCustomerFee
	byCustomerCredit
)

// customerView is how the Kunder tab shows the customers: those matching a search,
// in an order.
type customerView struct {
	search string
	sort   customerSort
	desc   bool
}

// matches tells whether c's number, name, org./personal number, e-mail or city
// holds the search, ignoring case.
func (v customerView) matches(c core.Customer) bool {
	q := strings.ToLower(strings.TrimSpace(v.search))
	if q == "" {
		return true
	}
	for _, s := range []string{c.Number, c.Name, c.IDNumber, c.Email, c.Address.City} {
		if strings.Contains(strings.ToLower(s), q) {
			return true
		}
	}
	return false
}

// apply returns the customers of all the view shows, in its order: Swedish
// alphabetical order for text (å, ä, ö last), numbers by value ("K99" before
// "K100"); ties keep the name order the book gives.
func (v customerView) apply(all []core.Customer, credits map[int64]decimal.Decimal) []core.Customer {
	out := make([]core.Customer, 0, len(all))
	for _, c := range all {
		if v.matches(c) {
			out = append(out, c)
		}
	}
	if v.sort == customerUnsorted {
		return out
	}
	col := collate.New(language.Swedish, collate.IgnoreCase, collate.Numeric)
	key := customerSortKey(v.sort, credits)
	slices.SortStableFunc(out, func(a, b core.Customer) int {
		ka, kb := key(a), key(b)
		var n int
		if da, ok := ka.(decimal.Decimal); ok {
			n = da.Cmp(kb.(decimal.Decimal))
		} else {
			n = col.CompareString(ka.(string), kb.(string))
		}
		if v.desc {
			return -n
		}
		return n
	})
	return out
}

// customerSortKey is what a customer is ordered by under s: text, or an amount.
func customerSortKey(s customerSort, credits map[int64]decimal.Decimal) func(core.Customer) any {
	switch s {
	case byCustomerNumber:
		return func(c core.Customer) any { return c.Number }
	case byCustomerIDNumber:
		return func(c core.Customer) any { return c.IDNumber }
	case byCustomerType:
		return func(c core.Customer) any { return customerTypeText(c) }
	case byCustomerEmail:
		return func(c core.Customer) any { return c.Email }
	case byCustomerCity:
		return func(c core.Customer) any { return c.Address.City }
	case byCustomerFee:
		return func(c core.Customer) any { return yesNo(c.FeeAgreed) }
	case byCustomerCredit:
		return func(c core.Customer) any { return credits[c.ID] }
	case byCustomerName, customerUnsorted:
		return func(c core.Customer) any { return c.Name }
	default:
		return func(c core.Customer) any { return c.Name }
	}
}

// onSearch shows the customers matching the search field.
func (t *customerTab) onSearch(text string) {
	t.view.search = text
	t.showView()
}

// sortBy orders the customers by key, or flips the order when it is by key already.
func (t *customerTab) sortBy(key customerSort) {
	if t.view.sort == key {
		t.view.desc = !t.view.desc
	} else {
		t.view.sort, t.view.desc = key, false
	}
	t.showView()
}

// showView shows the customers the view picks, with nothing selected.
func (t *customerTab) showView() {
	t.customers = t.view.apply(t.all, t.credits)
	t.table.UnselectAll()
	t.table.Refresh()
}
