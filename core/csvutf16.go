package core

import (
	"bufio"
	"encoding/binary"
	"io"
	"unicode/utf16"
	"unicode/utf8"
)

// utf8Text returns the text of r, buffered, as UTF-8 (or Windows-1252, which
// decodeText reads field by field). A file in UTF-16, such as Excel's "Unicode Text"
// (little-endian, with a byte-order mark, fields separated by TAB), is decoded as it is
// read. It is recognised by its byte-order mark or, without one, by a NUL byte beside
// the first character of its header, which is ASCII and in UTF-8 never has one.
func utf8Text(r io.Reader) *bufio.Reader {
	br := bufio.NewReaderSize(r, csvPeekSize)
	head, _ := br.Peek(2) // fewer bytes: a short file, not UTF-16
	if len(head) < 2 {
		return br
	}
	var order binary.ByteOrder
	switch {
	case head[0] == 0xFF && head[1] == 0xFE:
		order = binary.LittleEndian
		_, _ = br.Discard(2) // cannot fail: the bytes were just peeked
	case head[0] == 0xFE && head[1] == 0xFF:
		order = binary.BigEndian
		_, _ = br.Discard(2)
	case head[0] != 0 && head[0] < utf8.RuneSelf && head[1] == 0:
		order = binary.LittleEndian
	case head[0] == 0 && head[1] != 0 && head[1] < utf8.RuneSelf:
		order = binary.BigEndian
	default:
		return br
	}
	return bufio.NewReaderSize(&utf16Reader{src: br, order: order}, csvPeekSize)
}

// csvPeekSize is how much of a file openCSV may look at before reading it: the
// header line, to find its separator, is expected within it.
const csvPeekSize = 64 << 10

// utf16Reader decodes UTF-16 from src into UTF-8. A lone surrogate or a last odd
// byte becomes U+FFFD, the replacement character.
type utf16Reader struct {
	src     *bufio.Reader
	order   binary.ByteOrder
	pending []byte // the UTF-8 of a character that did not fit the last Read
	buf     [utf8.UTFMax]byte
}

func (u *utf16Reader) Read(p []byte) (int, error) {
	n := copy(p, u.pending)
	u.pending = u.pending[n:]
	for n < len(p) {
		r, err := u.next()
		if err != nil {
			if n > 0 {
				return n, nil // the error comes again on the next Read
			}
			return 0, err
		}
		if utf8.RuneLen(r) > len(p)-n {
			u.pending = utf8.AppendRune(u.buf[:0], r)
			c := copy(p[n:], u.pending)
			u.pending = u.pending[c:]
			return n + c, nil
		}
		n += utf8.EncodeRune(p[n:], r)
	}
	return n, nil
}

// next decodes one character.
func (u *utf16Reader) next() (rune, error) {
	c, err := u.unit()
	if err != nil || !utf16.IsSurrogate(c) {
		return c, err
	}
	if c >= 0xDC00 { // a low surrogate with no high one before it
		return utf8.RuneError, nil
	}
	if b, err := u.src.Peek(2); err == nil {
		if low := rune(u.order.Uint16(b)); low >= 0xDC00 && low <= 0xDFFF {
			_, _ = u.src.Discard(2)
			return utf16.DecodeRune(c, low), nil
		}
	}
	return utf8.RuneError, nil // a high surrogate with no low one after it
}

// unit reads one 16-bit code unit; an odd byte at the end is U+FFFD.
func (u *utf16Reader) unit() (rune, error) {
	var b [2]byte
	n, err := io.ReadFull(u.src, b[:])
	switch {
	case n == 1 && err == io.ErrUnexpectedEOF:
		return utf8.RuneError, nil
	case err != nil:
		return 0, err
	}
	return rune(u.order.Uint16(b[:])), nil
}
