-- 020_letter_groups (numbered 019 on its branch until planrun's 019 is merged; the
-- lead renumbers it 020): one letter per customer (issue 22). The reminders of one
-- customer that share a letter or e-mail carry the same letter_group, numbered within
-- their batch from 1 (core.Reminder.Group); 0 is a reminder that goes alone, as every
-- reminder written before this migration did. Delivery claims and finishes a group's
-- reminders together (data/queue.go).
ALTER TABLE reminders ADD COLUMN letter_group INTEGER NOT NULL DEFAULT 0;
