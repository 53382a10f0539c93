-- 011_amili_report_uncertain: a report to Amili whose attempt may or may not have
-- arrived, and which cannot be looked up (an upload: CONTRACT.md documents no list of
-- uploads), is kept failed and marked uncertain. It is not sent again on its own;
-- the user sees "may not have arrived" and sends it again by hand, which clears the
-- mark (data/amilireports.go).
ALTER TABLE amili_reports ADD COLUMN uncertain INTEGER NOT NULL DEFAULT 0;
