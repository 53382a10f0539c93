package gui

import (
	"context"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

func TestNewCustomerSuggestsTheNumberAfterTheHighest(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	if _, err := book.Service.SaveCustomer(context.Background(), core.Customer{Number: "K0120", Name: "Fog & Bygg HB", IsCompany: true}); err != nil {
		t.Fatal(err)
	}
	f := newCustomerForm(book.Service, m.Window, core.Customer{}, nil)
	f.show()
	t.Cleanup(f.dlg.Hide)
	number := f.form.Items[0].Widget.(*escEntry)
	waitFor(t, "the suggested number", func() bool { return number.Text != "" })
	if number.Text != "K0121" {
		t.Errorf("suggested %q, want K0121", number.Text)
	}
}

func TestEditingACustomerKeepsItsNumber(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	c, err := book.Service.SaveCustomer(context.Background(), core.Customer{Number: "K0007", Name: "Fog & Bygg HB", IsCompany: true})
	if err != nil {
		t.Fatal(err)
	}
	f := newCustomerForm(book.Service, m.Window, c, nil)
	f.show()
	t.Cleanup(f.dlg.Hide)
	settle()
	if number := f.form.Items[0].Widget.(*escEntry); number.Text != "K0007" {
		t.Errorf("the edited customer's number reads %q", number.Text)
	}
}

// showCustomers opens Kunder and waits for its customers.
func showCustomers(t *testing.T, m *MainWindow) *customerTab {
	t.Helper()
	pressShortcut(m.Window, fyne.Key3)
	waitFor(t, "the customers", func() bool { return len(m.customers.customers) > 0 })
	return m.customers
}

func customerNumbers(cs []core.Customer) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.Number
	}
	return out
}

func TestKunderSearchesAndSorts(t *testing.T) {
	m, book := newTestWindow(t, testbook.Options{})
	ctx := context.Background()
	for _, c := range []core.Customer{
		{Number: "K100", Name: "Östlunds Måleri AB", IsCompany: true, Address: core.Address{City: "Umeå"}},
		{Number: "K99", Name: "Ahlberg Bygg AB", IsCompany: true, Email: "info@ahlberg.se", Address: core.Address{City: "Luleå"}},
		{Number: "K101", Name: "Ängens Trädgård", IsCompany: false, Address: core.Address{City: "Umeå"}},
	} {
		if _, err := book.Service.SaveCustomer(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	tab := showCustomers(t, m)
	waitFor(t, "the new customers", func() bool { return len(tab.all) >= 3 })
	t.Run("the search finds customers by city, ignoring case", func(t *testing.T) {
		test.Type(tab.search, "umeå")
		if got := customerNumbers(tab.customers); len(got) != 2 || !contains(got, "K100") || !contains(got, "K101") {
			t.Errorf("searching umeå shows %v", got)
		}
	})
	t.Run("names sort in Swedish order, Ä before Ö", func(t *testing.T) {
		if got := customerNumbers(tab.customers); got[0] != "K101" || got[1] != "K100" {
			t.Errorf("by name: %v", got)
		}
	})
	t.Run("the search finds by e-mail", func(t *testing.T) {
		tab.search.SetText("AHLBERG.se")
		if got := customerNumbers(tab.customers); len(got) != 1 || got[0] != "K99" {
			t.Errorf("searching AHLBERG.se shows %v", got)
		}
	})
	t.Run("Kundnr sorts numbers by value, and a second time turns the order", func(t *testing.T) {
		tab.search.SetText("")
		tab.sortBy(byCustomerNumber)
		got := customerNumbers(tab.customers)
		if i, j := slices.Index(got, "K99"), slices.Index(got, "K100"); i < 0 || j < 0 || i > j {
			t.Errorf("by number: %v", got)
		}
		tab.sortBy(byCustomerNumber)
		got = customerNumbers(tab.customers)
		if i, j := slices.Index(got, "K99"), slices.Index(got, "K100"); i < j {
			t.Errorf("by number, descending: %v", got)
		}
	})
}

func TestTabReachesTheCustomerSearchBeforeTheTable(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	tab := showCustomers(t, m)
	c := m.Window.Canvas()
	c.Unfocus()
	test.FocusNext(c)
	if c.Focused() != tab.search {
		t.Errorf("the first Tab on Kunder went to %T, not the search field", c.Focused())
	}
}
