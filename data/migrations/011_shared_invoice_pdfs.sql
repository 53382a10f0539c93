-- 011_shared_invoice_pdfs (issue 25, point 2; numbered 013 where 011 and 012 are
-- taken): an invoice's original PDF was kept beside the book as "faktura-<number made
-- safe for a file name>.pdf", so invoices whose numbers looked alike once made safe
-- ("2026/15" and "2026:15", "A 1" and "A_1") or differed only in case (one name on
-- Windows and macOS) shared one file, holding whichever PDF was attached last. Whose
-- it is cannot be known from the book. So every invoice that shares its file with
-- another forgets it (the file stays beside the book, nothing is deleted; the invoice
-- shows no original again and the user attaches it anew, under a name of its own:
-- data/amilireports.go, attachmentName), and an upload of such a file to Amili that
-- has not been sent fails, not to be retried, saying why, so that no case receives
-- another customer's invoice. Case is ignored in comparing names: on Linux two names
-- differing only in case were two files, and those invoices are asked for their
-- original again too, which loses nothing.

UPDATE amili_reports
SET state = 'failed', next_attempt = NULL, claimed_at = NULL,
	error = 'This invoice''s original PDF was kept in one file with another invoice''s by an earlier version of Påminn and may be the other customer''s; it was not sent. Attach the invoice''s PDF again.'
WHERE kind = 'upload' AND state != 'sent' AND lower(file) IN (
	SELECT lower(pdf) FROM invoices WHERE pdf != '' GROUP BY lower(pdf) HAVING count(*) > 1);

UPDATE invoices SET pdf = ''
WHERE pdf != '' AND lower(pdf) IN (
	SELECT lower(pdf) FROM invoices WHERE pdf != '' GROUP BY lower(pdf) HAVING count(*) > 1);
