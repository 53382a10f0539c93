package core

import (
	"io"
	"sort"
	"strings"
)

// ColumnMapping says which of a file's columns each field is read from: the field's
// Key → the column's index, 0 for the first. A field absent from it is not read;
// a column no field names is ignored.
type ColumnMapping map[string]int

// SampleRows is how many rows under the header an ImportSample shows.
const SampleRows = 5

// ImportSample is the beginning of an import file, for the user to see and map.
type ImportSample struct {
	Header []string   // the file's column names as written, trimmed (bounded by Excerpt)
	Rows   [][]string // up to SampleRows non-blank rows under it, each field bounded by Excerpt
}

// ReadImportSample reads the header and the first rows of a CSV file, decoded as an
// import decodes it, without judging its columns.
func ReadImportSample(r io.Reader) (ImportSample, error) {
	f, header, err := readCSVHeader(r)
	if err != nil {
		return ImportSample{}, err
	}
	var s ImportSample
	s.Header = sampleFields(header, len(header))
	problems := &rowProblems{}
	for len(s.Rows) < SampleRows {
		row, err := f.next(problems)
		if err == io.EOF {
			break
		}
		if err != nil {
			return ImportSample{}, err
		}
		if row != nil {
			s.Rows = append(s.Rows, sampleFields(row.record, len(s.Header)))
		}
	}
	return s, nil
}

// sampleFields copies record's first width fields (the CSV reader reuses it),
// decoded, trimmed and bounded; a short record is padded with "".
func sampleFields(record []string, width int) []string {
	out := make([]string, width)
	for i := range min(width, len(record)) {
		out[i] = Excerpt(strings.TrimSpace(decodeText(record[i])))
	}
	return out
}

// MatchColumns maps the columns of header to the fields of kind k by their names
// (ImportField's Key, template headers and Synonyms, in Swedish or English, whatever
// the case and accents). It returns the mapping and the columns that named no field,
// or a field an earlier column had already named.
func MatchColumns(k ImportKind, header []string) (ColumnMapping, []int) {
	m := ColumnMapping{}
	var unknown []int
	for i, h := range header {
		if strings.TrimSpace(h) == "" {
			continue // an unnamed column, such as after a trailing separator
		}
		key, ok := fieldOfHeader(k, h)
		if _, taken := m[key]; !ok || taken {
			unknown = append(unknown, i)
			continue
		}
		m[key] = i
	}
	return m, unknown
}

// Missing returns the required fields of kind k that m does not map.
func (m ColumnMapping) Missing(k ImportKind) []ImportField {
	var out []ImportField
	for _, f := range ImportFields(k) {
		if _, ok := m[f.Key]; f.Required && !ok {
			out = append(out, f)
		}
	}
	return out
}

// Equal reports whether m and o map the same fields to the same columns.
func (m ColumnMapping) Equal(o ColumnMapping) bool {
	if len(m) != len(o) {
		return false
	}
	for k, v := range m {
		if w, ok := o[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// check refuses a mapping that names a field kind k does not have, a column the file
// does not have (width columns), one column for two fields, or lacks a required field.
func (m ColumnMapping) check(k ImportKind, width int) error {
	keys := fieldKeys(ImportFields(k))
	byColumn := map[int]string{}
	names := make([]string, 0, len(m))
	for key := range m {
		names = append(names, key)
	}
	sort.Strings(names) // the same message every time
	for _, key := range names {
		i := m[key]
		switch {
		case !contains(keys, key):
			return Errorf(EINVALID, "Unknown column(s): {{.Columns}}; the columns are {{.Known}}",
				map[string]any{"Columns": Excerpt(key), "Known": fieldWords(ImportFields(k))})
		case i < 0 || i >= width:
			return Errorf(EINVALID, "The file has no column {{.Column}}", map[string]any{"Column": i + 1})
		case byColumn[i] != "":
			return Errorf(EINVALID, "Column {{.Column}} is chosen for both {{.First}} and {{.Second}}",
				map[string]any{"Column": i + 1, "First": fieldWord(k, byColumn[i]), "Second": fieldWord(k, key)})
		}
		byColumn[i] = key
	}
	if missing := m.Missing(k); len(missing) > 0 {
		return Errorf(EINVALID, "Missing column(s): {{.Columns}}", map[string]any{"Columns": fieldWords(missing)})
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// openMapped opens r as openCSV does and reads its columns by m instead of by name.
func openMapped(k ImportKind, m ColumnMapping) csvOpener {
	return func(r io.Reader) (*csvFile, error) {
		f, header, err := readCSVHeader(r)
		if err != nil {
			return nil, err
		}
		if err := m.check(k, f.width); err != nil {
			return nil, err
		}
		for key, i := range m {
			f.columns[key] = i
			f.names[key] = Excerpt(strings.TrimSpace(decodeText(header[i])))
		}
		return f, nil
	}
}

// openNamed opens r with openCSV: the header names the columns of kind k.
func openNamed(k ImportKind) csvOpener {
	return func(r io.Reader) (*csvFile, error) { return openCSV(r, k) }
}

// ParseCustomersWith reads a customer file as ParseCustomersCSV does, taking each
// field from the column m gives it; the header's names are not judged.
func ParseCustomersWith(r io.Reader, m ColumnMapping) ([]Customer, error) {
	cs, _, err := parseCustomers(r, openMapped(ImportCustomers, m))
	return cs, err
}

// ParseInvoicesWith reads an invoice file as ParseInvoicesCSV does, taking each
// field from the column m gives it; the header's names are not judged.
func ParseInvoicesWith(r io.Reader, m ColumnMapping) ([]ImportInvoice, error) {
	return parseInvoices(r, openMapped(ImportInvoices, m))
}
