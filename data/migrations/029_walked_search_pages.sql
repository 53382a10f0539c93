-- 029: nothing on SQLite, whose indexes end in the rowid, the invoice's ID, by
-- themselves, so a search's page walked among its matches (data/search.go,
-- walkAmongMatches) tests each entry's ID without reading its row. PostgreSQL's 029
-- gives the two indexes such a page walks by due date the ID, and the dialog's the
-- pause (data/pgmigrations/029_walked_search_pages.sql). The file keeps the two
-- engines' migrations numbered alike.
SELECT 1;
