-- 014_error_messages: why a delivery or a report to Amili failed is kept as a message
-- template with its data (core.Message, JSON {"t": template, "d": {name: value}}),
-- rendered in the user's language when shown. The English text in error stays for
-- the logs, and is what rows failed before this version show.
ALTER TABLE reminders ADD COLUMN error_message TEXT NOT NULL DEFAULT '';
ALTER TABLE amili_reports ADD COLUMN error_message TEXT NOT NULL DEFAULT '';
