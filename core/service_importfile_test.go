package core_test

import (
	"strings"
	"testing"

	"paminn/core"
)

// Swedish headers as a Swedish Excel writes them: semicolons, decimal commas.
const swedishCustomers = "Kundnummer;Namn;Organisationsnummer;E-post;Adress;Postnummer;Ort\r\n" +
	"K1;Åkeri AB;556677-8899;info@akeri.se;Storgatan 1;111 22;Umeå\r\n" +
	"K2;Anna Berg;;;Lillgatan 2;222 33;Lund\r\n"

const swedishInvoices = "Fakturanummer;Kundnummer;Fakturadatum;Förfallodatum;Summa;Betalt\r\n" +
	"1001;K1;2026-08-01;2026-08-31;1 250,50;250\r\n" +
	"1002;K2;2026-08-05;2026-09-04;400;\r\n"

func TestAFileWithSwedishHeadersIsPreviewedThenImportedIntoTheBook(t *testing.T) {
	b := newBook(t, core.Channels{})
	for _, f := range []struct {
		kind core.ImportKind
		file string
	}{{core.ImportCustomers, swedishCustomers}, {core.ImportInvoices, swedishInvoices}} {
		p, err := b.svc.PreviewImport(b.ctx, f.kind, []byte(f.file))
		if err != nil {
			t.Fatal(err)
		}
		if p.NeedsMapping || p.Problems != nil || p.Rows != 2 || len(p.Sample.Rows) != 2 {
			t.Fatalf("%s preview %+v, want 2 rows ready", f.kind, p)
		}
		if f.kind == core.ImportCustomers && b.customerCount() != 0 {
			t.Fatal("the preview wrote customers")
		}
		res, err := b.svc.ImportFile(b.ctx, f.kind, []byte(f.file), p.Mapping)
		if err != nil {
			t.Fatal(err)
		}
		if res.Customers+res.Invoices != 2 {
			t.Errorf("imported %+v, want 2", res)
		}
	}
	page, err := b.svc.ListInvoices(b.ctx, core.InvoiceQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if page.Totals.Count != 2 || b.customerCount() != 2 {
		t.Errorf("book has %d invoices and %d customers, want 2 and 2", page.Totals.Count, b.customerCount())
	}
}

func TestAPreviewListsTheBadRowsByLineAndWritesNothing(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", false, "")
	file := "Fakturanummer;Kundnummer;Fakturadatum;Förfallodatum;Belopp\n" +
		"1;K1;2026-08-01;2026-08-31;100\n" +
		"2;K9;2026-08-01;2026-08-31;100\n" +
		"3;K1;2026-08-01;2026-07-31;100\n"
	p, err := b.svc.PreviewImport(b.ctx, core.ImportInvoices, []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if p.Problems == nil || p.Rows != 0 {
		t.Fatalf("preview %+v, want problems", p)
	}
	rows := importRows(t, p.Problems)
	if len(rows) != 1 || !strings.Contains(rows[4], "before the invoice date") {
		t.Errorf("rows %v, want line 4's due date (line 3's customer is checked once the file reads)", rows)
	}
	if n := b.invoiceCount(); n != 0 {
		t.Errorf("%d invoices written by a preview", n)
	}
}

func TestAMappingChosenForUnknownHeadersIsRememberedForTheNextFile(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", false, "")
	file := "Löpnr;Kund;Utfärdad;Sista dag;Att betala totalt;Anteckning\n" +
		"7;K1;2026-08-01;2026-08-31;100;ring först\n"
	p, err := b.svc.PreviewImport(b.ctx, core.ImportInvoices, []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	if !p.NeedsMapping || p.Remembered {
		t.Fatalf("preview %+v, want the mapping step", p)
	}
	m := core.ColumnMapping{"number": 0, "customer_number": 1, "invoice_date": 2, "due_date": 3, "total": 4}
	if _, err := b.svc.ImportFile(b.ctx, core.ImportInvoices, []byte(file), m); err != nil {
		t.Fatal(err)
	}
	next := "LÖPNR;kund;Utfärdad;Sista dag;Att betala totalt;Anteckning\n" +
		"8;K1;2026-09-01;2026-09-30;200;\n"
	p, err = b.svc.PreviewImport(b.ctx, core.ImportInvoices, []byte(next))
	if err != nil {
		t.Fatal(err)
	}
	if p.NeedsMapping || !p.Remembered || !p.Mapping.Equal(m) || p.Rows != 1 {
		t.Errorf("next preview %+v, want the remembered mapping and 1 row", p)
	}
	// Saving the settings from the form keeps the remembered mapping.
	set, err := b.svc.Settings(b.ctx)
	if err != nil {
		t.Fatal(err)
	}
	set.ImportMappings = nil
	if err := b.svc.SaveSettings(b.ctx, set); err != nil {
		t.Fatal(err)
	}
	if p, _ = b.svc.PreviewImport(b.ctx, core.ImportInvoices, []byte(next)); !p.Remembered {
		t.Error("saving the settings forgot the mapping")
	}
}
