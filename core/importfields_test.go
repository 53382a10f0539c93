package core

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/shopspring/decimal"
)

func TestHeadersNameTheirFieldInSwedishOrEnglish(t *testing.T) {
	tests := []struct {
		kind   ImportKind
		header string
		want   string // "" for a header naming no field
	}{
		{ImportInvoices, "Fakturanummer", "number"},
		{ImportInvoices, "Fakturanr", "number"},
		{ImportInvoices, "Invoice no.", "number"},
		{ImportInvoices, "Kundnummer", "customer_number"},
		{ImportInvoices, "KUNDNR", "customer_number"},
		{ImportInvoices, "Customer number", "customer_number"},
		{ImportInvoices, "Fakturadatum", "invoice_date"},
		{ImportInvoices, "Invoice date", "invoice_date"},
		{ImportInvoices, "Förfallodatum", "due_date"},
		{ImportInvoices, "forfallodatum", "due_date"},
		{ImportInvoices, "FÖRFALLO-DATUM", "due_date"},
		{ImportInvoices, "Due date", "due_date"},
		{ImportInvoices, "Belopp", "total"},
		{ImportInvoices, "Summa", "total"},
		{ImportInvoices, "Amount", "total"},
		{ImportInvoices, "Betalt", "paid"},
		{ImportInvoices, "Amount paid", "paid"},
		{ImportInvoices, "Valuta", "currency"},
		{ImportInvoices, "OCR-nummer", "ocr"},
		{ImportInvoices, "customer_number", "customer_number"},
		{ImportInvoices, "Moms", ""},
		{ImportCustomers, "Kundnummer", "number"},
		{ImportCustomers, "Customer no", "number"},
		{ImportCustomers, "Namn", "name"},
		{ImportCustomers, "Name", "name"},
		{ImportCustomers, "Organisationsnummer", "id_number"},
		{ImportCustomers, "Personnummer", "id_number"},
		{ImportCustomers, "Org.nr", "id_number"},
		{ImportCustomers, "Organisationsnummer/Personnummer", "id_number"},
		{ImportCustomers, "Organization number", "id_number"},
		{ImportCustomers, "E-post", "email"},
		{ImportCustomers, "e_post", "email"},
		{ImportCustomers, "Email", "email"},
		{ImportCustomers, "Adress", "address_line1"},
		{ImportCustomers, "Street address", "address_line1"},
		{ImportCustomers, "Postnummer", "zip_code"},
		{ImportCustomers, "Postal code", "zip_code"},
		{ImportCustomers, "Ort", "city"},
		{ImportCustomers, "City", "city"},
		{ImportCustomers, "Land", "country"},
		{ImportCustomers, "Påminnelseavgift avtalad", "fee_agreed"},
		{ImportCustomers, "Fakturanummer", ""},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s in a %s file means %q", tt.header, tt.kind, tt.want), func(t *testing.T) {
			got, ok := fieldOfHeader(tt.kind, tt.header)
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("fieldOfHeader(%q) = %q, %v; want %q", tt.header, got, ok, tt.want)
			}
		})
	}
}

func TestNoHeaderNamesTwoFieldsOfOneKind(t *testing.T) {
	for _, k := range []ImportKind{ImportCustomers, ImportInvoices} {
		owner := map[string]string{}
		for _, f := range ImportFields(k) {
			for _, name := range append([]string{f.Key, f.Swedish, f.English, f.Label}, f.Synonyms...) {
				n := normalHeader(name)
				if o, ok := owner[n]; ok && o != f.Key {
					t.Errorf("%s: %q names both %s and %s", k, name, o, f.Key)
				}
				owner[n] = f.Key
			}
		}
	}
}

func TestAFileWithSwedishHeadersParsesAsItsEnglishTwin(t *testing.T) {
	swedish := "Fakturanummer;Kundnummer;Fakturadatum;Förfallodatum;Summa;Betalt;OCR-nummer\n" +
		"F1;K1;2026-09-01;2026-09-30;1 250,50;250;\n"
	english := "Invoice number,Customer number,Invoice date,Due date,Amount,Paid,OCR reference\n" +
		"F1,K1,2026-09-01,2026-09-30,\"1 250,50\",250,\n"
	for _, file := range []string{swedish, english} {
		invs, err := ParseInvoicesCSV(strings.NewReader(file))
		if err != nil {
			t.Fatal(err)
		}
		if len(invs) != 1 || invs[0].Number != "F1" || invs[0].CustomerNumber != "K1" ||
			!invs[0].Total.Equal(decimal.RequireFromString("1250.50")) || !invs[0].Paid.Equal(decimal.NewFromInt(250)) ||
			invs[0].DueDate.String() != "2026-09-30" {
			t.Errorf("%q gave %+v", file, invs)
		}
	}
}

func TestColumnMappings(t *testing.T) {
	header := []string{"Löpnr", "Kund", "Datum", "Sista dag", "Att betala", "Anteckning"}
	tests := []struct {
		name    string
		mapping ColumnMapping
		want    string // the error's message, "" for none
	}{
		{"a mapping of every required field reads the file", ColumnMapping{"number": 0, "customer_number": 1,
			"invoice_date": 2, "due_date": 3, "total": 4}, ""},
		{"a mapping without the due date is refused", ColumnMapping{"number": 0, "customer_number": 1,
			"invoice_date": 2, "total": 4}, "Missing column(s): Due date"},
		{"one column for two fields is refused", ColumnMapping{"number": 0, "customer_number": 0,
			"invoice_date": 2, "due_date": 3, "total": 4}, "Column 1 is chosen for both Customer number and Invoice number"},
		{"a column past the file's last is refused", ColumnMapping{"number": 0, "customer_number": 1,
			"invoice_date": 2, "due_date": 3, "total": 9}, "The file has no column 10"},
		{"a field the kind does not have is refused", ColumnMapping{"number": 0, "customer_number": 1,
			"invoice_date": 2, "due_date": 3, "total": 4, "name": 5}, "Unknown column(s): name; the columns are Invoice number, Customer number, Invoice date, Due date, Total, Amount paid, Currency, OCR reference"},
	}
	file := strings.Join(header, ";") + "\n7;K1;2026-09-01;2026-09-30;100;ring först\n"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			invs, err := ParseInvoicesWith(strings.NewReader(file), tt.mapping)
			if tt.want != "" {
				if err == nil || AsError(err).Message != tt.want && AsError(err).Text() != tt.want {
					t.Fatalf("err = %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(invs) != 1 || invs[0].Number != "7" || invs[0].Line != 2 || !invs[0].Total.Equal(decimal.NewFromInt(100)) {
				t.Errorf("got %+v", invs)
			}
		})
	}
}

func TestMatchColumnsLeavesUnknownAndRepeatedHeadersToTheUser(t *testing.T) {
	m, unknown := MatchColumns(ImportInvoices, []string{"Fakturanr", "Kund", "Anteckning", "", "Faktura"})
	if !m.Equal(ColumnMapping{"number": 0, "customer_number": 1}) || fmt.Sprint(unknown) != "[2 4]" {
		t.Errorf("mapping %v, unknown %v", m, unknown)
	}
	if got := fieldKeys(m.Missing(ImportInvoices)); strings.Join(got, ",") != "invoice_date,due_date,total" {
		t.Errorf("missing %v", got)
	}
}

func TestReadImportSampleShowsTheHeaderAndTheFirstRows(t *testing.T) {
	file := "A;B;C\n1;2;3\n\n4;5\n6;7;8\n9;10;11\n12;13;14\n15;16;17\n"
	s, err := ReadImportSample(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(s.Header) != "[A B C]" || len(s.Rows) != SampleRows || fmt.Sprint(s.Rows[1]) != "[4 5 ]" {
		t.Errorf("sample %q", s)
	}
}

func TestARowErrorNamesTheColumnAsTheFileDoes(t *testing.T) {
	for _, tt := range []struct {
		name string
		read func() error
		want string
	}{
		{"by its Swedish header", func() error {
			_, err := ParseInvoicesCSV(strings.NewReader("Fakturanummer;Kundnummer;Fakturadatum;Förfallodatum;Belopp\n1;K1;2026-09-01;2026-09-31;100\n"))
			return err
		}, "Förfallodatum: 2026-09-31 is not a date: month 9 of 2026 has 30 days"},
		{"by the header of the column the user chose", func() error {
			_, err := ParseInvoicesWith(strings.NewReader("A;B;C;Sista dag;E\n1;K1;2026-09-01;2026-09-31;100\n"),
				ColumnMapping{"number": 0, "customer_number": 1, "invoice_date": 2, "due_date": 3, "total": 4})
			return err
		}, "Sista dag: 2026-09-31 is not a date: month 9 of 2026 has 30 days"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var ie *ImportError
			if err := tt.read(); !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Text() != tt.want {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}
