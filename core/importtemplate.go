package core

import (
	"bytes"
	"encoding/csv"
)

// ImportTemplate is an empty import file of kind k for the user to fill in: the
// fields' headers in Swedish, separated by ';' as Excel in a Swedish locale writes
// them, or in English, separated by ','. It starts with a UTF-8 byte-order mark, so
// that Excel reads å, ä and ö; the import skips it.
func ImportTemplate(k ImportKind, swedish bool) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true // Excel's line ends
	var header []string
	for _, f := range ImportFields(k) {
		if swedish {
			header = append(header, f.Swedish)
		} else {
			header = append(header, f.English)
		}
	}
	if swedish {
		w.Comma = ';'
	}
	_ = w.Write(header) // a bytes.Buffer does not fail
	w.Flush()
	return b.Bytes()
}
