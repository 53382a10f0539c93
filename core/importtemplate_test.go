package core

import (
	"bytes"
	"strings"
	"testing"
)

func TestTemplatesInBothLanguagesImportOnceFilledIn(t *testing.T) {
	rows := map[ImportKind]map[bool]string{
		ImportCustomers: {true: "K1;Åkeri AB;556677-8899;ja;info@akeri.se;Storgatan 1;;111 22;Umeå;SE;nej\r\n",
			false: "K1,Åkeri AB,556677-8899,yes,info@akeri.se,Storgatan 1,,111 22,Umeå,SE,no\r\n"},
		ImportInvoices: {true: "1001;K1;2026-08-01;2026-08-31;1 250,50;0;SEK;\r\n",
			false: "1001,K1,2026-08-01,2026-08-31,1250.50,0,SEK,\r\n"},
	}
	for _, tt := range []struct {
		name    string
		kind    ImportKind
		swedish bool
		first   string
	}{
		{"the Swedish customer template", ImportCustomers, true, "\uFEFFKundnummer;Namn;Organisationsnummer;"},
		{"the English customer template", ImportCustomers, false, "\uFEFFCustomer number,Name,Organisation number,"},
		{"the Swedish invoice template", ImportInvoices, true, "\uFEFFFakturanummer;Kundnummer;Fakturadatum;Förfallodatum;Belopp;"},
		{"the English invoice template", ImportInvoices, false, "\uFEFFInvoice number,Customer number,Invoice date,Due date,Total,"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tmpl := ImportTemplate(tt.kind, tt.swedish)
			if !strings.HasPrefix(string(tmpl), tt.first) {
				t.Fatalf("template %q, want it to start %q", tmpl, tt.first)
			}
			file := bytes.NewReader(append(tmpl, rows[tt.kind][tt.swedish]...))
			var n int
			var err error
			if tt.kind == ImportInvoices {
				invs, e := ParseInvoicesCSV(file)
				n, err = len(invs), e
			} else {
				cs, e := ParseCustomersCSV(file)
				n, err = len(cs), e
			}
			if err != nil || n != 1 {
				t.Errorf("filled in: %d rows, %v", n, err)
			}
		})
	}
}
