package core

import (
	"bytes"
	"testing"
)

// FuzzImportWithMapping reads any file with any mapping: never a panic, a sample
// no wider than its header nor longer than SampleRows, and every invoice read from
// a line below the header.
func FuzzImportWithMapping(f *testing.F) {
	f.Add([]byte("Löpnr;Kund;Datum;Sista dag;Belopp\n7;K1;2026-09-01;2026-09-30;100\n"), uint64(0x0403020100))
	f.Add([]byte("a,b\n\"x\ny\",2\n"), uint64(0x0101010101))
	f.Fuzz(func(t *testing.T, file []byte, cols uint64) {
		s, err := ReadImportSample(bytes.NewReader(file))
		if err == nil {
			if len(s.Rows) > SampleRows {
				t.Fatalf("%d sample rows", len(s.Rows))
			}
			for _, r := range s.Rows {
				if len(r) != len(s.Header) {
					t.Fatalf("row %q under header %q", r, s.Header)
				}
			}
		}
		m := ColumnMapping{}
		for i, key := range fieldKeys(invoiceFields) {
			if c := int(cols>>(8*i)) & 0xff; c < 32 {
				m[key] = c
			}
		}
		invs, err := ParseInvoicesWith(bytes.NewReader(file), m)
		for _, inv := range invs {
			if err == nil && inv.Line < 2 {
				t.Fatalf("invoice from line %d", inv.Line)
			}
		}
	})
}
