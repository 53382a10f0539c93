package core

import (
	"bufio"
	"bytes"
)

// crLineEnds reads r with each CR that no LF follows turned into an LF, so a file with
// the CR line ends of Excel's "CSV (Macintosh)" reads, and numbers its lines, like any
// other; encoding/csv itself ends lines at LF only. CR LF is left as it is.
type crLineEnds struct{ r *bufio.Reader }

func (c crLineEnds) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	for i := bytes.IndexByte(p[:n], '\r'); i >= 0; {
		if i+1 < n {
			if p[i+1] != '\n' {
				p[i] = '\n'
			}
		} else if next, _ := c.r.Peek(1); len(next) == 0 || next[0] != '\n' {
			p[i] = '\n' // the last byte read; the next one, if any, decides
		}
		j := bytes.IndexByte(p[i+1:n], '\r')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return n, err
}
