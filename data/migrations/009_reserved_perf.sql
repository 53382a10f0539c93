-- 009: reserved for the perf branch's migration, which replaces this file when the
-- branches are merged (the migrations must be numbered without gaps, and this
-- branch's 010 follows it). It changes nothing.
SELECT 1;
