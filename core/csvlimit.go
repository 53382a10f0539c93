package core

import (
	"errors"
	"io"
	"unicode/utf8"
)

// MaxFieldLength is the most characters one field of an imported file may hold. The
// longest thing a field carries is an e-mail address, at most 254 characters (RFC 5321
// 4.5.3.1, 256 octets of path less its angle brackets); names, address lines, invoice
// and customer numbers are far shorter (a letter's address window prints about 40 a
// line). A longer field is a mistake or hostile, and a 200 MB name would slow every
// list that shows it.
const MaxFieldLength = 500

// MaxImportBytes is the largest import file Påminn reads. An import is all or nothing,
// so its rows are kept until the last is read; with MaxImportRows this bounds that
// memory well inside the program's 200 MB (DESIGN.md). It is three times a file of
// MaxImportRows customers with every address column filled (about 110 bytes a row).
const MaxImportBytes = 32 << 20

// maxRowBytes is the most one row of an import file may take, quoted line breaks
// included: room for 32 fields (the widest file has 11 columns; Excel adds empty ones)
// of MaxFieldLength characters of the longest UTF-8 encoding. The CSV reader holds one
// row at a time, so this is what reading a row may cost.
const maxRowBytes = 32 * MaxFieldLength * utf8.UTFMax

// errFileTooLarge and errRowTooLong stop the reading of a file past the caps above.
var (
	errFileTooLarge = errors.New("import file larger than MaxImportBytes")
	errRowTooLong   = errors.New("import row longer than maxRowBytes")
)

// fileLimit passes on the first MaxImportBytes of a file and then, if there is more,
// fails with errFileTooLarge for good.
type fileLimit struct {
	r        io.Reader
	left     int64 // bytes still allowed
	tooLarge bool
}

func newFileLimit(r io.Reader) *fileLimit { return &fileLimit{r: r, left: MaxImportBytes} }

func (l *fileLimit) Read(p []byte) (int, error) {
	if l.left == 0 && !l.tooLarge {
		var one [1]byte
		if n, err := io.ReadFull(l.r, one[:]); n == 0 {
			return 0, err // the file ends at the cap, or could not be read
		}
		l.tooLarge = true
	}
	if l.tooLarge {
		return 0, errFileTooLarge
	}
	if int64(len(p)) > l.left {
		p = p[:l.left]
	}
	n, err := l.r.Read(p)
	l.left -= int64(n)
	return n, err
}

// rowLimit sits below the CSV reader and fails with errRowTooLong once the row being
// read has taken maxRowBytes, so the reader never gathers more than that; having
// failed, it fails for good. startRow must be called before each row.
type rowLimit struct {
	r       io.Reader
	read    int64 // bytes passed on so far
	limit   int64 // read may not pass it
	tripped bool
}

// startRow allows the row that begins at offset (bytes the CSV reader has taken so
// far) maxRowBytes, plus what the reader may hold buffered beyond it.
func (l *rowLimit) startRow(offset int64) {
	l.limit = offset + maxRowBytes + csvReaderBuffer
}

// csvReaderBuffer is the size of the buffer encoding/csv puts in front of its input.
const csvReaderBuffer = 4096

func (l *rowLimit) Read(p []byte) (int, error) {
	if l.read >= l.limit {
		l.tripped = true
	}
	if l.tripped {
		return 0, errRowTooLong
	}
	if int64(len(p)) > l.limit-l.read {
		p = p[:l.limit-l.read]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}
