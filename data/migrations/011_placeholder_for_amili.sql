-- 011: a placeholder on branch bank only, so its 012 runs in tests. The amili branch
-- brings the real 011 (011_amili_report_uncertain.sql); drop this file when merging.
SELECT 1;
