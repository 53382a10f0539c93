package core_test

import (
	"encoding/binary"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"

	"paminn/core"
)

// repeated reads as an endless run of one byte.
type repeated byte

func (r repeated) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

// counted counts the bytes read through it.
type counted struct {
	r io.Reader
	n int64
}

func (c *counted) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// customerCount is how many customers the book holds.
func (b *book) customerCount() int {
	b.t.Helper()
	cs, err := b.svc.Customers(b.ctx)
	if err != nil {
		b.t.Fatal(err)
	}
	return len(cs)
}

// A customer file with a 200 MB name (streamed, never held) is refused after its first
// megabyte, in bounded memory, with a short message naming the line; the book is as it was.
func TestACustomerFileWithA200MBNameIsRefusedEarlyAndChangesNothing(t *testing.T) {
	b := newBook(t, core.Channels{})
	b.customer("K1", false, "")
	file := &counted{r: io.MultiReader(strings.NewReader("number;name\r\nK2;Två AB\r\nK3;"),
		io.LimitReader(repeated('x'), 200<<20))}
	var err error
	grew := core.HeapGrowthDuring(func() { _, err = b.svc.ImportCustomersCSV(b.ctx, file) })

	wantCode(t, err, core.EINVALID)
	if got := core.AsError(err).Error(); !strings.HasPrefix(got, "Line 3 holds more than") || len(got) > 200 {
		t.Errorf("message %.300q, want a short one naming line 3", got)
	}
	if file.n > 1<<20 {
		t.Errorf("read %d MB before refusing the file", file.n>>20)
	}
	if grew > 16<<20 {
		t.Errorf("the heap grew by %d MB", grew>>20)
	}
	if n := b.customerCount(); n != 1 {
		t.Errorf("the book holds %d customers, want the 1 it had", n)
	}
}

// A name over MaxFieldLength characters is a row error: no 200 MB name reaches the book
// to slow every list that shows it.
func TestACustomerNameLongerThanAFieldMayBeIsNotImported(t *testing.T) {
	b := newBook(t, core.Channels{})
	_, err := b.svc.ImportCustomersCSV(b.ctx, strings.NewReader("number;name\nK1;Ett AB\nK2;"+strings.Repeat("Å", core.MaxFieldLength+1)+"\n"))
	wantCode(t, err, core.EINVALID)
	rows := importRows(t, err)
	if want := fmt.Sprintf("name is longer than %d characters: ", core.MaxFieldLength); len(rows) != 1 || !strings.HasPrefix(rows[3], want) {
		t.Errorf("rows %v, want line 3: %s…", rows, want)
	}
	if n := b.customerCount(); n != 0 {
		t.Errorf("%d customers imported, want none", n)
	}
}

// The files Excel writes as "CSV (Macintosh)" and as "Unicode Text" import like any
// other, through the Service into the book.
func TestExcelsMacintoshAndUnicodeTextFilesImport(t *testing.T) {
	const text = "number\tname\tcity\r\nK1\tÅsa Öberg\tGävle\r\nK2\tNguyễn Văn An\tMalmö\r\n"
	unicodeText := core.UTF16File(text, binary.LittleEndian, true)
	for _, tt := range []struct {
		name string
		file string
	}{
		{"CSV (Macintosh), with CR line ends", strings.ReplaceAll(text, "\r\n", "\r")},
		{"Unicode Text, UTF-16 with a byte-order mark", string(unicodeText)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b := newBook(t, core.Channels{})
			if _, err := b.svc.ImportCustomersCSV(b.ctx, strings.NewReader(tt.file)); err != nil {
				t.Fatal(err)
			}
			cs, err := b.svc.Customers(b.ctx)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range cs {
				got = append(got, c.Number+" "+c.Name+", "+c.Address.City)
			}
			slices.Sort(got)
			if want := "[K1 Åsa Öberg, Gävle K2 Nguyễn Văn An, Malmö]"; fmt.Sprint(got) != want {
				t.Errorf("the book holds %v, want %s", got, want)
			}
		})
	}
}
