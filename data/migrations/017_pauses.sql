-- PLACEHOLDER on branch stopprint only: migration 017 belongs to issue 22's pause
-- helper (branch pause). It is here so that 018 applies in sequence on this branch;
-- at the merge, take pause's 017 and drop this file. Never ship this one.
SELECT 1;
