package gui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/test"

	"paminn/data/testbook"
)

func TestTheTitleNamesTheCompanyAndFollowsItsSettings(t *testing.T) {
	book := testbook.New(t, testbook.Options{})
	ctx := context.Background()
	set, err := book.Service.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.Company.Name = "Bygg & Fog AB"
	if err := book.Service.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	m := NewMainWindow(test.NewTempApp(t), book.Service, Options{})
	t.Cleanup(m.Window.Close)
	waitFor(t, "the title", func() bool { return m.Window.Title() == "Påminn — Bygg & Fog AB" })

	waitFor(t, "the settings tab", func() bool { return m.settings.name.Text == "Bygg & Fog AB" })
	m.settings.name.SetText("Fog & Bygg HB")
	test.Tap(m.settings.saveBtn)
	waitFor(t, "the new title", func() bool { return m.Window.Title() == "Påminn — Fog & Bygg HB" })
}

func TestTheCustomersAreReadWhenTheirTabIsFirstShown(t *testing.T) {
	m, _ := newTestWindow(t, testbook.Options{})
	settle()
	if m.customers.customers != nil {
		t.Fatalf("the window read %d customers before their tab was shown", len(m.customers.customers))
	}
	m.tabs.SelectIndex(2)
	waitFor(t, "the customers", func() bool { return len(m.customers.customers) == 3 })
}
