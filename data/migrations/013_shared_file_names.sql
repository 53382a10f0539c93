-- 011_shared_file_names (issue 25, points 1 and 2; numbered 013 where 011 and 012
-- are taken). Before it, files were named from invoice numbers made safe for a file
-- name, so numbers that looked alike once made safe ("2026/15" and "2026:15", "A 1"
-- and "A_1", long numbers sharing their first 64 characters) or differed only in case
-- (one name on Windows and macOS) shared one file, which held whatever was written
-- last. New files carry the reminder's or the invoice's ID (data/letter FileName,
-- data/amilireports.go attachmentName). Case is ignored in comparing names: on Linux
-- two names differing only in case were two files, and those are treated as shared
-- too, which loses nothing.

-- An invoice's original PDF: whose a shared file holds cannot be known from the book.
-- Every invoice sharing its file forgets it (the file stays beside the book; the
-- invoice shows no original again and the user attaches it anew), and an upload of
-- such a file to Amili not yet sent fails, not to be retried, saying why, so that no
-- case receives another customer's invoice.
UPDATE amili_reports
SET state = 'failed', next_attempt = NULL, claimed_at = NULL,
	error = 'This invoice''s original PDF was kept in one file with another invoice''s by an earlier version of Påminn and may be the other customer''s; it was not sent. Attach the invoice''s PDF again.'
WHERE kind = 'upload' AND state != 'sent' AND lower(file) IN (
	SELECT lower(pdf) FROM invoices WHERE pdf != '' GROUP BY lower(pdf) HAVING count(*) > 1);

UPDATE invoices SET pdf = ''
WHERE pdf != '' AND lower(pdf) IN (
	SELECT lower(pdf) FROM invoices WHERE pdf != '' GROUP BY lower(pdf) HAVING count(*) > 1);

-- A letter: of the sent letters written to one file, the one written last is there;
-- each earlier one was replaced and its customer may never have had it. Those show as
-- failed, saying why, and wait for the user's Retry (not retried on their own: one
-- printed before it was replaced would go twice), which writes them under names of
-- their own.
WITH written (id, nth) AS (
	SELECT id, row_number() OVER (PARTITION BY lower(external_ref) ORDER BY updated_at DESC, id DESC)
	FROM reminders WHERE channel = 'letter' AND state = 'sent' AND external_ref != '')
UPDATE reminders
SET state = 'failed', next_attempt = NULL, claimed_at = NULL,
	error = 'An earlier version of Påminn wrote another reminder''s letter to this letter''s file, which may have replaced it. Unless it was printed before, press Retry to write it again.'
WHERE id IN (SELECT id FROM written WHERE nth > 1);
