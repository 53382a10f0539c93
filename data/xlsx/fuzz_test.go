package xlsx_test

import (
	"testing"

	"paminn/data/xlsx"
)

// FuzzToCSV reads any bytes as a workbook: an error or CSV text, never a panic.
func FuzzToCSV(f *testing.F) {
	f.Add(workbook(f, [][]any{{"Kundnummer", "Namn"}, {"K1", "Ett AB"}}))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, file []byte) {
		_, _ = xlsx.Reader{}.ToCSV(file)
	})
}
