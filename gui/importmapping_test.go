package gui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"paminn/core"
	"paminn/data/testbook"
)

// importWindow is a window over an empty test book, for the import's dialogs.
func importWindow(t *testing.T) (fyne.Window, testbook.Book) {
	t.Helper()
	book := testbook.New(t, testbook.Options{Empty: true})
	a := test.NewTempApp(t)
	w := a.NewWindow("import")
	w.Resize(fyne.NewSize(1024, 768))
	w.Show()
	t.Cleanup(w.Close)
	return w, book
}

// startFileImport starts importing file as if the user had chosen it, and waits for
// its first step; imported receives the import's result.
func startFileImport(t *testing.T, w fyne.Window, svc *core.Service, k core.ImportKind, file string,
	imported *core.ImportResult) *fileImport {
	t.Helper()
	fi := newFileImport(svc, w, k, "fil.csv", []byte(file), func(_ string, res core.ImportResult) { *imported = res })
	fi.start()
	waitFor(t, "the first step", func() bool { return fi.dlg != nil })
	return fi
}

func TestAFileWithSwedishHeadersGoesStraightToThePreviewAndImports(t *testing.T) {
	w, book := importWindow(t)
	var res core.ImportResult
	file := "Kundnummer;Namn;Organisationsnummer;E-post;Ort\n" +
		"K1;Åkeri AB;556677-8899;info@akeri.se;Umeå\nK2;Anna Berg;;;Lund\n"
	fi := startFileImport(t, w, book.Service, core.ImportCustomers, file, &res)
	if fi.importBtn == nil || fi.importBtn.Disabled() {
		t.Fatal("the preview's Import is not there or disabled")
	}
	if got := fi.summary.Text; got != "Rader att importera: 2" {
		t.Errorf("summary %q", got)
	}
	if texts := labelTexts(w.Canvas().Overlays().Top()); !contains(texts, "Åkeri AB") || !contains(texts, "Kundnummer") {
		t.Errorf("the preview shows %q, want the header and the first rows", texts)
	}
	if cs, _ := book.Service.Customers(context.Background()); len(cs) != 0 {
		t.Fatal("the preview wrote customers")
	}
	test.Tap(fi.importBtn)
	waitFor(t, "the import", func() bool { return res.Customers == 2 })
	if cs, _ := book.Service.Customers(context.Background()); len(cs) != 2 {
		t.Errorf("%d customers in the book, want 2", len(cs))
	}
}

func TestUnknownHeadersAreMappedByTheUserAndTheChoiceIsRemembered(t *testing.T) {
	w, book := importWindow(t)
	if _, err := book.Service.ImportCustomersCSV(context.Background(), strings.NewReader("Kundnummer;Namn\nK1;Ett AB\n")); err != nil {
		t.Fatal(err)
	}
	var res core.ImportResult
	header := "Löpnr;Kund;Utfärdad;Sista dag;Att betala totalt;Anteckning\n"
	fi := startFileImport(t, w, book.Service, core.ImportInvoices, header+"7;K1;2026-02-01;2026-02-28;100;ring först\n", &res)
	if fi.nextBtn == nil {
		t.Fatal("no mapping step for unknown headers")
	}
	if !fi.nextBtn.Disabled() || fi.summary.Text != "Välj en kolumn för Fakturanummer" {
		t.Errorf("Continue disabled %v, hint %q; want disabled until the invoice number has a column",
			fi.nextBtn.Disabled(), fi.summary.Text)
	}
	if got := fi.selects["customer_number"].Selected; got != "2: Kund" {
		t.Errorf("the customer number's column is %q, want the one its name gave", got)
	}
	fi.selects["number"].SetSelected("2: Kund")
	if !fi.nextBtn.Disabled() || fi.summary.Text != "Kolumn 2 är vald två gånger" {
		t.Errorf("one column for two fields: hint %q", fi.summary.Text)
	}
	for key, choice := range map[string]string{"number": "1: Löpnr", "invoice_date": "3: Utfärdad",
		"due_date": "4: Sista dag", "total": "5: Att betala totalt"} {
		fi.selects[key].SetSelected(choice)
	}
	if fi.nextBtn.Disabled() {
		t.Fatalf("Continue still disabled: %q", fi.summary.Text)
	}
	test.Tap(fi.nextBtn)
	waitFor(t, "the preview", func() bool { return fi.importBtn != nil })
	test.Tap(fi.importBtn)
	waitFor(t, "the import", func() bool { return res.Invoices == 1 })

	next := startFileImport(t, w, book.Service, core.ImportInvoices, header+"8;K1;2026-02-02;2026-03-01;200;\n", &res)
	if next.importBtn == nil || next.importBtn.Disabled() || !strings.Contains(next.summary.Text, "som du valde förut") {
		t.Errorf("the next file with these headers: summary %q, want its preview by the remembered columns",
			next.summary.Text)
	}
}

func TestThePreviewListsBadRowsByLineAndOffersNoImport(t *testing.T) {
	w, book := importWindow(t)
	var res core.ImportResult
	file := "Kundnummer;Namn;E-post\nK1;Ett AB;inte-en-adress\nK2;;\n"
	fi := startFileImport(t, w, book.Service, core.ImportCustomers, file, &res)
	if fi.importBtn == nil || !fi.importBtn.Disabled() {
		t.Fatal("Import is offered for a file with bad rows")
	}
	if got := fi.summary.Text; !strings.HasPrefix(got, "Rader med fel: 2.") {
		t.Errorf("summary %q", got)
	}
	if got := fi.problems.Text; !strings.Contains(got, "Rad 2:") || !strings.Contains(got, "Rad 3:") {
		t.Errorf("problems %q, want lines 2 and 3", got)
	}
	test.Tap(fi.importBtn)
	if cs, _ := book.Service.Customers(context.Background()); len(cs) != 0 {
		t.Errorf("%d customers written", len(cs))
	}
}

func TestTheTemplateChoiceGivesTheChosenFileInTheChosenLanguage(t *testing.T) {
	test.NewTempApp(t)
	c := newTemplateChoice()
	c.kind.SetSelectedIndex(1)
	c.language.SetSelected("Svenska")
	tmpl := c.chosen()
	if tmpl.name != "fakturor-mall.csv" || !strings.HasPrefix(string(tmpl.file), "\uFEFFFakturanummer;Kundnummer;") {
		t.Errorf("template %s: %q", tmpl.name, tmpl.file)
	}
	c.kind.SetSelectedIndex(0)
	c.language.SetSelected("English")
	if tmpl = c.chosen(); tmpl.name != "customers-template.csv" || !strings.HasPrefix(string(tmpl.file), "\uFEFFCustomer number,Name,") {
		t.Errorf("template %s: %q", tmpl.name, tmpl.file)
	}
}

func TestThePreviewSaysWhichFieldEachColumnIsReadInto(t *testing.T) {
	w, book := importWindow(t)
	var res core.ImportResult
	fi := startFileImport(t, w, book.Service, core.ImportCustomers, "Kundnummer;Namn;Anteckning\nK1;Ett AB;x\n", &res)
	if fi.nextBtn == nil {
		t.Fatal("no mapping step for the unknown Anteckning")
	}
	test.Tap(fi.nextBtn)
	waitFor(t, "the preview", func() bool { return fi.importBtn != nil })
	texts := labelTexts(w.Canvas().Overlays().Top())
	for _, want := range []string{"→ Kundnummer", "→ Namn", "(importeras inte)", "Ett AB"} {
		if !contains(texts, want) {
			t.Errorf("the preview shows %q, want %q among them", texts, want)
		}
	}
}
