package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/widget"

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
	number := f.form.Items[0].Widget.(*widget.Entry)
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
	if number := f.form.Items[0].Widget.(*widget.Entry); number.Text != "K0007" {
		t.Errorf("the edited customer's number reads %q", number.Text)
	}
}
