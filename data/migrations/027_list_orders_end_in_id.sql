-- 027: nothing on SQLite. Its list indexes by invoice date and by total end in the
-- rowid, the invoice's ID, by themselves; PostgreSQL's 027 gives its indexes of the
-- same names the ID the list orders by last (data/pgmigrations/027_list_orders_end_in_id.sql).
-- The file keeps the two engines' migrations numbered alike.
SELECT 1;
