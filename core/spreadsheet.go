package core

import "bytes"

// SpreadsheetReader turns an Excel workbook (.xlsx) into the CSV text an import
// reads: its first worksheet, one line per row, so line numbers are the workbook's
// row numbers. data/xlsx implements it.
type SpreadsheetReader interface {
	ToCSV(file []byte) ([]byte, error)
}

// zipMagic starts every .xlsx file, a zip archive; no CSV text starts so.
var zipMagic = []byte("PK\x03\x04")

// importText is file as CSV text: a workbook converted by the SpreadsheetReader,
// anything else as it is.
func (s *Service) importText(file []byte) ([]byte, error) {
	if !bytes.HasPrefix(file, zipMagic) {
		return file, nil
	}
	if s.sheets == nil {
		return nil, Errorf(EUNAVAILABLE, "Excel workbooks cannot be read here; save the sheet as CSV and import that", nil)
	}
	return s.sheets.ToCSV(file)
}
