package data

import (
	"context"
	"database/sql"
	"time"

	"paminn/core"
)

// An invoice's original PDF on a book on a server (issue 24). On SQLite the original
// is copied beside the book file and the upload to Amili reads it from there
// (Store.AttachInvoicePDF). On a server any desktop may run the queue, and a path on
// the desktop that attached the PDF reaches nothing on another: the bytes are kept in
// the book (invoice_pdfs, 026_invoice_pdfs.sql), invoices.pdf and the upload's
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
		inv, err = recordAttachment(ctx, tx, invoiceID, name, now)
		return err
	})
	return inv, err
}
