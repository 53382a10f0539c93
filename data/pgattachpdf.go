package data

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"time"

	"paminn/core"
)

// An invoice's original PDF on a book on a server (issue 24). On SQLite the original
// is copied beside the book file and the upload to Amili reads it from there
// (Store.AttachInvoicePDF). On a server any desktop may run the queue, and a path on
// the desktop that attached the PDF reaches nothing on another: the bytes are kept in
// the book (invoice_pdfs, 025_invoice_pdfs.sql), invoices.pdf and the upload's
// amili_reports.file hold their name, and the desktop that claims an upload writes
// the bytes to a temporary file of that name for the channel to read
// (AmiliChannel.UploadInvoice takes a path), removed once the outcome is recorded.

// AttachInvoicePDF keeps the PDF at src in the book as the invoice's original, under
// attachmentName (the same PDF attached again is the same row, a different one a row
// of its own), and when the invoice has a case with Amili queues its upload, as
// Store.AttachInvoicePDF does. EINVALID for a file that is not a PDF of at most 20 MB.
func (s *PGStore) AttachInvoicePDF(ctx context.Context, invoiceID int64, src string, now time.Time) (core.Invoice, error) {
	inv, err := s.Invoice(ctx, invoiceID)
	if err != nil {
		return core.Invoice{}, err
	}
	pdf, err := readPDF(src)
	if err != nil {
		return core.Invoice{}, err
	}
	name := attachmentName(inv, pdf)
	err = s.write(ctx, "attach invoice PDF", func(ctx context.Context, tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO invoice_pdfs (name, invoice_id, content, attached_at)
			VALUES (?, ?, ?, ?) ON CONFLICT (name) DO NOTHING`, name, invoiceID, pdf, instantText(now)); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE invoices SET pdf = ? WHERE id = ?`, name, invoiceID)
		if err != nil {
			return err
		}
		if err := mustAffect(res, msgNoInvoice, invoiceID); err != nil {
			return err
		}
		if err := queueUpload(ctx, tx, invoiceID, now); err != nil {
			return err
		}
		inv, err = findInvoice(ctx, tx, invoiceID)
		return err
	})
	return inv, err
}

// pgUploads are the temporary files holding the PDFs of the uploads this desktop has
// claimed, by report.
type pgUploads struct {
	mu   sync.Mutex
	dirs map[int64]string // report ID → the temporary folder holding its PDF
}

// fetch writes the PDF of each upload among rs, claimed in tx, to a temporary file
// and points the report's File at it. An uncertain upload is not sent on its own
// (Service.sendReport), so its PDF is not fetched; an upload whose file names no row
// of the book (a path, in a book moved here from a file) is left to be read there.
func (u *pgUploads) fetch(ctx context.Context, tx *sql.Tx, rs []core.AmiliReport) error {
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
func (u *pgUploads) write(id int64, name string, pdf []byte) (string, error) {
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
func (u *pgUploads) drop(id int64) {
	u.mu.Lock()
	dir, ok := u.dirs[id]
	delete(u.dirs, id)
	u.mu.Unlock()
	if ok {
		_ = os.RemoveAll(dir)
	}
}

// dropAll removes every temporary file this desktop holds for an upload.
func (u *pgUploads) dropAll() {
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
