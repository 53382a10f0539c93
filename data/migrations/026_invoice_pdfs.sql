-- 026_invoice_pdfs: an invoice's original PDF kept in the book itself (issue 24). A
-- book on a server is worked by several desktops, and any of them may run the queue
-- that uploads the original to Amili, so a path on the desktop that attached it does
-- not reach the PDF: on a server book the bytes live here and invoices.pdf and
-- amili_reports.file hold the row's name. A book in a file keeps its originals
-- beside it ("<book> PDF/", as since 001): one user, one disk, and a book file that
-- does not grow by 20 MB a PDF; the table is here so both engines have one schema
-- and a move between them has a place for the bytes (a book moved back from a server
-- keeps its originals here, and uploads them from here: data/uploadcopies.go).
-- name is the file name the original is uploaded under (faktura-<id>-<number>-
-- <digest>.pdf, data/amilireports.go's attachmentName): the same PDF attached again
-- is the same row
-- (invoice_pdfs_by_name).
CREATE TABLE invoice_pdfs (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	invoice_id  INTEGER NOT NULL REFERENCES invoices (id),
	content     BLOB NOT NULL,
	attached_at TEXT NOT NULL
);
CREATE UNIQUE INDEX invoice_pdfs_by_name ON invoice_pdfs (name);
CREATE INDEX invoice_pdfs_by_invoice ON invoice_pdfs (invoice_id);
