-- 030 on PostgreSQL: nothing yet. SQLite's 030 (data/migrations/030_orders_hold_the_customer.sql)
-- gives its indexes of the other orders the customer; the file keeps the two
-- engines' migrations numbered alike.
SELECT 1;
