package core

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
)

// csvFile is an open CSV file whose header has been read.
type csvFile struct {
	r       *csv.Reader
	file    *fileLimit        // the file as read, up to MaxImportBytes
	rows    *rowLimit         // what the CSV reader reads, a row at a time up to maxRowBytes
	columns map[string]int    // column name → field index
	names   map[string]string // column name → the header as the file writes it
	width   int               // number of header fields
	line    int               // spreadsheet line of the last record read
	endLine int               // file line on which the last record's last field starts
}

// openCSV reads UTF-8, Windows-1252 or UTF-16 text with any line ends (CR LF, LF, or
// the CR alone of Excel's "CSV (Macintosh)"), skips a byte-order mark, detects the
// separator from the header line, and matches the header's columns to the fields of
// kind k by name (fieldOfHeader: Swedish or English, any case or accents). It reads
// at most MaxImportBytes of r, and rows of at most maxRowBytes.
func openCSV(r io.Reader, k ImportKind) (*csvFile, error) {
	f, header, err := readCSVHeader(r)
	if err != nil {
		return nil, err
	}
	if err := f.readHeader(header, k); err != nil {
		return nil, err
	}
	return f, nil
}

// readCSVHeader opens r as openCSV does and reads the header line, leaving its
// columns for the caller to match.
func readCSVHeader(r io.Reader) (*csvFile, []string, error) {
	file := newFileLimit(r)
	br := bufio.NewReaderSize(utf8Text(file), csvPeekSize)
	if bom, _ := br.Peek(3); bytes.Equal(bom, []byte("\uFEFF")) {
		_, _ = br.Discard(3) // cannot fail: the bytes were just peeked
	}
	sep, ok := excelSeparatorLine(br)
	if !ok {
		sep = detectSeparator(br)
	}
	rows := &rowLimit{r: crLineEnds{br}}
	cr := csv.NewReader(rows)
	cr.Comma = sep
	cr.FieldsPerRecord = -1 // short and long rows are reported per row, not fatal
	cr.ReuseRecord = true
	f := &csvFile{r: cr, file: file, rows: rows, columns: make(map[string]int), names: make(map[string]string)}
	rows.startRow(0)
	header, err := cr.Read()
	if err == io.EOF {
		return nil, nil, Errorf(EINVALID, "The file is empty", nil)
	}
	if err != nil {
		return nil, nil, f.readError(err, header)
	}
	f.width, f.line = len(header), 1
	f.endLine, _ = cr.FieldPos(len(header) - 1)
	return f, header, nil
}

// readError classifies a failure to read the header or the file itself; record is
// what the CSV reader returned with err.
func (f *csvFile) readError(err error, record []string) error {
	var pe *csv.ParseError
	switch {
	case f.file.tooLarge:
		return Errorf(EINVALID, "The file is larger than {{.Max}} MB; split it into smaller files and import them one at a time",
			map[string]any{"Max": MaxImportBytes >> 20})
	case f.rows.tripped: // whatever the CSV reader made of the row it was cut off in
		start := f.endLine + 1
		if errors.As(err, &pe) {
			start = pe.StartLine
		} else if len(record) > 0 {
			start, _ = f.r.FieldPos(0)
		}
		f.advance(start, start)
		return Errorf(EINVALID, "Line {{.Line}} holds more than {{.Max}} bytes, more than any row Påminn imports; "+
			"nothing was imported. Is this the file you meant?", map[string]any{"Line": f.line, "Max": maxRowBytes})
	case errors.As(err, &pe):
		return Wrap(err, EINVALID, "The header line could not be read", nil)
	}
	return Wrap(err, EUNAVAILABLE, "The file could not be read", nil)
}

func (f *csvFile) readHeader(header []string, k ImportKind) error {
	var unknown []string
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(decodeText(h)))
		key, known := fieldOfHeader(k, name)
		switch {
		case name == "": // an unnamed column, such as after a trailing separator
		case !known:
			unknown = append(unknown, Excerpt(name))
		case hasKey(f.columns, key):
			return Errorf(EINVALID, "Column {{.Column}} appears twice", map[string]any{"Column": Excerpt(name)})
		default:
			f.columns[key] = i
			f.names[key] = Excerpt(strings.TrimSpace(decodeText(h)))
		}
	}
	var missing []ImportField
	for _, c := range ImportFields(k) {
		if c.Required && !hasKey(f.columns, c.Key) {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return Errorf(EINVALID, "Missing column(s): {{.Columns}}", map[string]any{"Columns": fieldWords(missing)})
	}
	if len(unknown) > 0 {
		return Errorf(EINVALID, "Unknown column(s): {{.Columns}}; the columns are {{.Known}}",
			map[string]any{"Columns": strings.Join(unknown, ", "), "Known": fieldWords(ImportFields(k))})
	}
	return nil
}

func hasKey(m map[string]int, k string) bool { _, ok := m[k]; return ok }

// columnName is how the file's header names column, or column itself when the
// header leaves it unnamed.
func (f *csvFile) columnName(column string) string {
	if name := f.names[column]; name != "" {
		return name
	}
	return column
}

// excelSeparatorLine reads the "sep=;" line some files carry for Excel, which Excel
// itself hides, and returns the separator it names.
func excelSeparatorLine(br *bufio.Reader) (rune, bool) {
	head, _ := br.Peek(7) // "sep=;\r\n" at most
	if len(head) < 5 || !bytes.EqualFold(head[:4], []byte("sep=")) {
		return 0, false
	}
	sep := rune(head[4])
	rest := head[5:]
	switch {
	case sep != ';' && sep != ',' && sep != '\t':
		return 0, false
	case bytes.HasPrefix(rest, []byte("\r\n")):
		_, _ = br.Discard(7)
	case bytes.HasPrefix(rest, []byte("\n")) || bytes.HasPrefix(rest, []byte("\r")) || len(rest) == 0:
		_, _ = br.Discard(5 + min(len(rest), 1))
	default:
		return 0, false
	}
	return sep, true
}

// detectSeparator picks ';' (Excel in a Swedish locale), ',' or a tab, whichever the
// header line holds most of; ',' when it holds none.
func detectSeparator(br *bufio.Reader) rune {
	head, _ := br.Peek(br.Size()) // as much as is buffered; an error means a short file
	if i := bytes.IndexAny(head, "\r\n"); i >= 0 {
		head = head[:i]
	}
	best, most := ',', bytes.Count(head, []byte{','})
	for _, sep := range []rune{';', '\t'} {
		if n := bytes.Count(head, []byte{byte(sep)}); n > most {
			best, most = sep, n
		}
	}
	return best
}

// next returns the next non-blank row, or nil (with the problem recorded) for a line
// the CSV reader cannot read, or io.EOF.
func (f *csvFile) next(problems *rowProblems) (*csvRow, error) {
	for {
		f.rows.startRow(f.r.InputOffset())
		record, err := f.r.Read()
		var pe *csv.ParseError
		switch {
		case err == io.EOF:
			return nil, io.EOF
		case f.file.tooLarge || f.rows.tripped:
			return nil, f.readError(err, record)
		case errors.As(err, &pe):
			f.advance(pe.StartLine, pe.Line)
			problems.add(f.line, unreadableLine(pe), map[string]any{"Reason": pe.Err.Error()})
			return nil, nil
		case err != nil:
			return nil, f.readError(err, record)
		}
		start, _ := f.r.FieldPos(0)
		end, _ := f.r.FieldPos(len(record) - 1)
		f.advance(start, end)
		if isBlank(record) { // such as ";;;;" rows Excel writes below the data
			continue
		}
		row := &csvRow{file: f, record: record, line: f.line, problems: problems}
		row.checkWidth()
		return row, nil
	}
}

// unreadableLine explains why the CSV reader could not read a line.
func unreadableLine(pe *csv.ParseError) string {
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return "A field has a quote mark but does not start with one; put the whole field in quotes and double the quote mark"
	case errors.Is(pe.Err, csv.ErrQuote):
		return "A field that starts with a quote mark is not closed by one"
	}
	return "The line could not be read: {{.Reason}}"
}

// advance moves the spreadsheet line on past a record spanning file lines start..end.
// Empty file lines, which the CSV reader skips, still count as spreadsheet rows.
func (f *csvFile) advance(start, end int) {
	f.line += start - f.endLine
	f.endLine = end
}

func isBlank(record []string) bool {
	for _, s := range record {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}
