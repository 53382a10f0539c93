package bankfile

import (
	"context"
	"io"
)

// The bounds a camt.054 file is read within. encoding/xml keeps every open element's
// name, every attribute of a start tag and every run of text in memory until it is
// complete, so a hostile file (100 MB of unclosed nesting, millions of attributes on
// one element, an amount of millions of digits) would take gigabytes and minutes. The
// guard below refuses such a file as the bytes pass, before the decoder holds them.
// ISO 20022 camt.054 nests about 15 deep, has at most a few attributes per element and
// no text longer than a few hundred characters.
const (
	maxXMLDepth = 64
	maxXMLAttrs = 32
	maxXMLRun   = 64 << 10 // bytes of one tag, one text run, comment or CDATA section
)

// guardError is a bound the XML broke, at a line of the file.
type guardError struct {
	msg  string
	line int
	max  int
}

func (e *guardError) Error() string { return e.msg }

// xmlState is where the guard is in the XML's lexical structure.
type xmlState int

const (
	xText     xmlState = iota
	xOpen              // after '<'
	xBang              // after "<!"
	xBangDash          // after "<!-"
	xTag               // inside a start or end tag
	xComment           // inside "<!-- … -->"
	xCDATA             // inside "<![CDATA[ … ]]>"
	xPI                // inside "<? … ?>"
	xDecl              // inside "<!DOCTYPE …>" and the like
)

// xmlGuard passes the bytes of r through unchanged while it counts the nesting depth,
// the attributes of each start tag and the length of each tag and text run, and
// fails with a *guardError when one exceeds its bound. It stops with ctx's error when
// ctx is cancelled, so a reading can be stopped from the GUI.
type xmlGuard struct {
	ctx context.Context
	r   io.Reader

	line  int // 1-based line of the byte last scanned
	state xmlState
	run   int  // bytes in the current tag or text run
	depth int  // open elements
	attrs int  // '=' seen outside quotes in the current tag
	quote byte // the quote an attribute value is open in, 0 for none
	end   bool // the current tag is an end tag
	prev  [2]byte
}

func newXMLGuard(ctx context.Context, r io.Reader) *xmlGuard {
	return &xmlGuard{ctx: ctx, r: r, line: 1}
}

// Read reads from the underlying reader and scans what it read.
func (g *xmlGuard) Read(b []byte) (int, error) {
	if err := g.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := g.r.Read(b)
	for _, c := range b[:n] {
		if gerr := g.scan(c); gerr != nil {
			return 0, gerr
		}
	}
	return n, err
}

func (g *xmlGuard) fail(msg string, max int) error {
	return &guardError{msg: msg, line: g.line, max: max}
}

// scan moves the guard over one byte.
func (g *xmlGuard) scan(c byte) error {
	if c == '\n' {
		g.line++
	}
	g.run++
	if g.run > maxXMLRun {
		return g.fail(msgTooLong, maxXMLRun)
	}
	switch g.state {
	case xText:
		if c == '<' {
			g.state, g.run = xOpen, 1
		}
	case xOpen:
		return g.opened(c)
	case xBang:
		switch c {
		case '-':
			g.state = xBangDash
		case '[':
			g.state = xCDATA
		default:
			g.state = xDecl
		}
	case xBangDash:
		g.state = xComment
	case xTag:
		return g.inTag(c)
	case xComment:
		g.closeAfter(c, '-', '-')
	case xCDATA:
		g.closeAfter(c, ']', ']')
	case xPI:
		g.closeAfter(c, '?', 0)
	case xDecl:
		if c == '>' && g.quote == 0 {
			g.toText()
		} else if c == '"' || c == '\'' {
			g.quote = toggle(g.quote, c)
		}
	}
	g.prev = [2]byte{g.prev[1], c}
	return nil
}

// opened reads the byte after '<'.
func (g *xmlGuard) opened(c byte) error {
	g.attrs, g.quote, g.end = 0, 0, false
	switch c {
	case '!':
		g.state = xBang
	case '?':
		g.state = xPI
	case '/':
		g.state, g.end = xTag, true
	default:
		g.state = xTag
	}
	g.prev = [2]byte{'<', c}
	return nil
}

// inTag reads a byte of a start or end tag: quotes, attributes and the closing '>'.
func (g *xmlGuard) inTag(c byte) error {
	switch {
	case g.quote != 0:
		if c == g.quote {
			g.quote = 0
		}
	case c == '"' || c == '\'':
		g.quote = c
	case c == '=':
		g.attrs++
		if g.attrs > maxXMLAttrs {
			return g.fail(msgTooManyAttrs, maxXMLAttrs)
		}
	case c == '>':
		switch {
		case g.end:
			g.depth--
		case g.prev[1] != '/':
			g.depth++
			if g.depth > maxXMLDepth {
				return g.fail(msgTooDeep, maxXMLDepth)
			}
		}
		g.toText()
	}
	g.prev = [2]byte{g.prev[1], c}
	return nil
}

// closeAfter ends a comment, CDATA section or processing instruction at '>' after
// the two bytes a and b (b 0: after a alone).
func (g *xmlGuard) closeAfter(c, a, b byte) {
	if c != '>' {
		return
	}
	if (b == 0 && g.prev[1] == a) || (g.prev[0] == a && g.prev[1] == b) {
		g.toText()
	}
}

func (g *xmlGuard) toText() { g.state, g.run, g.quote = xText, 0, 0 }

func toggle(open, c byte) byte {
	switch open {
	case 0:
		return c
	case c:
		return 0
	}
	return open
}
