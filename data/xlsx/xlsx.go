// Package xlsx reads an Excel workbook (.xlsx) as the CSV text core's import reads,
// so that a workbook is imported, mapped, previewed and checked as a CSV file is. It
// uses github.com/xuri/excelize (BSD-3-Clause), streaming the first worksheet.
package xlsx

import (
	"bytes"
	"encoding/csv"
	"fmt"

	"github.com/xuri/excelize/v2"

	"paminn/core"
)

// Reader implements core.SpreadsheetReader.
type Reader struct{}

// unzipLimit bounds what a workbook may unpack to: a zip archive of MaxImportBytes
// can claim far more, and excelize's own default is 16 GB.
const unzipLimit = 4 * core.MaxImportBytes

// ToCSV returns the first worksheet of the workbook file as ';'-separated CSV text
// after Excel's "sep=;" line: one line per worksheet row, so the import's line
// numbers are Excel's row numbers. Cells come as Excel shows them, with short dates as
// YYYY-MM-DD whatever the workbook's locale. It stops one row past MaxImportRows or
// one byte past MaxImportBytes, which the import then refuses.
func (Reader) ToCSV(file []byte) (text []byte, err error) {
	defer func() {
		// A damaged or hostile workbook must not take the program down with it: the
		// import runs off the UI thread, where a panic would end the process.
		if p := recover(); p != nil {
			text, err = nil, core.Wrap(fmt.Errorf("excelize: %v", p), core.EINVALID,
				"The file is not an Excel workbook (.xlsx) that Påminn can read", nil)
		}
	}()
	if len(file) > core.MaxImportBytes {
		return nil, core.Errorf(core.EINVALID, "The file is larger than {{.Max}} MB; split it into smaller files and import them one at a time",
			map[string]any{"Max": core.MaxImportBytes >> 20})
	}
	f, err := excelize.OpenReader(bytes.NewReader(file), excelize.Options{UnzipSizeLimit: unzipLimit,
		ShortDatePattern: "yyyy-mm-dd"})
	if err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The file is not an Excel workbook (.xlsx) that Påminn can read", nil)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, core.Errorf(core.EINVALID, "The file is empty", nil)
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The file is not an Excel workbook (.xlsx) that Påminn can read", nil)
	}
	defer rows.Close()
	return sheetCSV(rows)
}

// sheetCSV writes rows as CSV until they end or pass the import's caps.
func sheetCSV(rows *excelize.Rows) ([]byte, error) {
	var out bytes.Buffer
	out.WriteString("sep=;\r\n")
	w := csv.NewWriter(&out)
	w.Comma, w.UseCRLF = ';', true
	for n := 0; rows.Next() && n <= core.MaxImportRows+1 && out.Len() <= core.MaxImportBytes; n++ {
		cols, err := rows.Columns()
		if err != nil {
			return nil, core.Wrap(err, core.EINVALID, "The file is not an Excel workbook (.xlsx) that Påminn can read", nil)
		}
		if err := w.Write(cols); err != nil {
			return nil, core.Wrap(err, core.EINTERNAL, "The file could not be read", nil)
		}
		w.Flush()
	}
	if err := rows.Error(); err != nil {
		return nil, core.Wrap(err, core.EINVALID, "The file is not an Excel workbook (.xlsx) that Påminn can read", nil)
	}
	return out.Bytes(), nil
}
