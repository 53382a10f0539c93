package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"

	"paminn/core"
)

// How an upload to Amili reads an original kept in the book (pgattachpdf.go): the
// desktop that claims the upload writes the bytes to a temporary file of the
// original's name, for the channel to read (AmiliChannel.UploadInvoice takes a path),
// and removes it once the outcome is recorded or the book is closed.

// uploadCopies are the temporary files holding the PDFs of the uploads this desktop has
// claimed, by report: the originals a book keeps in itself (invoice_pdfs), which a
// book on a server always does and a file does when it was moved back from one.
type uploadCopies struct {
	mu   sync.Mutex
	dirs map[int64]string // report ID → the temporary folder holding its PDF
}

// fetch writes the PDF of each upload among rs, claimed in tx, to a temporary file
// and points the report's File at it. An uncertain upload is not sent on its own
// (Service.sendReport), so its PDF is not fetched; an upload whose file names no row
// of the book (a path, in a book moved here from a file) is left to be read there.
func (u *uploadCopies) fetch(ctx context.Context, tx *sql.Tx, rs []core.AmiliReport) error {
	for i := range rs {
		r := &rs[i]
		if r.Kind != core.AmiliReportUpload || r.Uncertain {
			continue
		}
		var pdf []byte
		err := tx.QueryRowContext(ctx, `SELECT content FROM invoice_pdfs WHERE name = ? AND invoice_id = ?`,
			r.File, r.InvoiceID).Scan(&pdf)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return err
		}
		if r.File, err = u.write(r.ID, r.File, pdf); err != nil {
			return err
		}
	}
	return nil
}

// write keeps pdf as a file named name in a new temporary folder of report id's and
// returns its path.
func (u *uploadCopies) write(id int64, name string, pdf []byte) (string, error) {
	dir, err := os.MkdirTemp("", "paminn-upload-")
	if err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The invoice PDF could not be saved in {{.Path}}: {{.Reason}}",
			map[string]any{"Path": os.TempDir(), "Reason": reason(err)})
	}
	u.drop(id)
	u.mu.Lock()
	if u.dirs == nil {
		u.dirs = map[int64]string{}
	}
	u.dirs[id] = dir
	u.mu.Unlock()
	path := filepath.Join(dir, filepath.Base(name)) // the name is attachmentName's, never a path
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "The invoice PDF could not be saved in {{.Path}}: {{.Reason}}",
			map[string]any{"Path": dir, "Reason": reason(err)})
	}
	return path, nil
}

// drop removes the temporary file of report id's upload, if this desktop holds one.
func (u *uploadCopies) drop(id int64) {
	u.mu.Lock()
	dir, ok := u.dirs[id]
	delete(u.dirs, id)
	u.mu.Unlock()
	if ok {
		_ = os.RemoveAll(dir)
	}
}

// dropAll removes every temporary file this desktop holds for an upload.
func (u *uploadCopies) dropAll() {
	u.mu.Lock()
	ids := make([]int64, 0, len(u.dirs))
	for id := range u.dirs {
		ids = append(ids, id)
	}
	u.mu.Unlock()
	for _, id := range ids {
		u.drop(id)
	}
}
