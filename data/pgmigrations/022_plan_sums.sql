-- 022_plan_sums on PostgreSQL: data/migrations/022_plan_sums.sql ported (the comments
-- there say what plan_sums holds and why; data/plansums.go keeps it for a manual
-- batch). The same table, rows and triggers, by name; each trigger's BEGIN … END is a
-- plpgsql function, a boolean written to an integer column is cast ::int, and the
-- company's subquery moves into the function. The rules of membership and of a row's
-- day and due are written here once, in plan_sums_add, as SQLite's triggers write
-- them; TestPostgresSchemaMatchesSQLite keeps the names in step and the plan-sums
-- property test (plansums_test.go) the contents, on both engines.

CREATE TABLE plan_sums (
	step    bigint NOT NULL, -- plan_step
	company bigint NOT NULL, -- the customer's is_company != 0
	day     text COLLATE "C" NOT NULL, -- due_date at step 0 or without a reminder day, else last_reminded
	due     text COLLATE "C" NOT NULL, -- '' when due_date is on or before day, else due_date
	n       bigint NOT NULL,
	PRIMARY KEY (step, company, day, due)
);

INSERT INTO plan_sums (step, company, day, due, n)
	SELECT i.plan_step, (c.is_company != 0)::int,
		CASE WHEN i.plan_step = 0 OR i.last_reminded = '' THEN i.due_date ELSE i.last_reminded END,
		CASE WHEN i.plan_step = 0 OR i.last_reminded = '' OR i.due_date <= i.last_reminded THEN '' ELSE i.due_date END,
		count(*)
	FROM invoices i JOIN customers c ON c.id = i.customer_id
	WHERE i.total_ore > i.paid_ore AND i.amili_state IN ('', 'closed') AND i.pause = ''
	GROUP BY 1, 2, 3, 4;

-- plan_sums_add adds sign to the row of plan_sums invoice r stands in, if it is in the
-- sums at all (open, not with Amili, not paused). It takes off as it adds, by upsert
-- (SQLite's triggers take off by UPDATE), so the sums do not depend on the order a
-- row's triggers run in: PostgreSQL runs them by name, SQLite the newest first, and
-- invoices_paused_customer (021), whose UPDATE takes a paused customer's new invoice
-- out of the sums, runs before plan_sums_insert has counted it here.
CREATE FUNCTION plan_sums_add(r invoices, sign bigint) RETURNS void LANGUAGE sql AS $$
	INSERT INTO plan_sums (step, company, day, due, n)
		SELECT r.plan_step, coalesce((SELECT (c.is_company != 0)::int FROM customers c WHERE c.id = r.customer_id), 0),
			CASE WHEN r.plan_step = 0 OR r.last_reminded = '' THEN r.due_date ELSE r.last_reminded END,
			CASE WHEN r.plan_step = 0 OR r.last_reminded = '' OR r.due_date <= r.last_reminded THEN '' ELSE r.due_date END,
			sign
		WHERE r.total_ore > r.paid_ore AND r.amili_state IN ('', 'closed') AND r.pause = ''
		ON CONFLICT (step, company, day, due) DO UPDATE SET n = plan_sums.n + excluded.n;
$$;

CREATE FUNCTION plan_sums_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM plan_sums_add(NEW, 1);
	RETURN NULL;
END $$;
CREATE TRIGGER plan_sums_insert AFTER INSERT ON invoices FOR EACH ROW
	WHEN (NEW.total_ore > NEW.paid_ore AND NEW.amili_state IN ('', 'closed') AND NEW.pause = '')
	EXECUTE FUNCTION plan_sums_insert();

CREATE FUNCTION plan_sums_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM plan_sums_add(OLD, -1);
	RETURN NULL;
END $$;
CREATE TRIGGER plan_sums_delete AFTER DELETE ON invoices FOR EACH ROW
	WHEN (OLD.total_ore > OLD.paid_ore AND OLD.amili_state IN ('', 'closed') AND OLD.pause = '')
	EXECUTE FUNCTION plan_sums_delete();

-- The update trigger names the same columns and the same WHEN as SQLite's: a batch
-- keeps plan_sums for its invoices itself (batchPlanSumsSQL).
CREATE FUNCTION plan_sums_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM plan_sums_add(OLD, -1);
	PERFORM plan_sums_add(NEW, 1);
	RETURN NULL;
END $$;
CREATE TRIGGER plan_sums_update AFTER UPDATE OF total_ore, paid_ore, amili_state, pause, due_date, customer_id
	ON invoices FOR EACH ROW
	WHEN ((OLD.reminder_count = NEW.reminder_count
			OR (OLD.amili_state IN ('', 'closed')) != (NEW.amili_state IN ('', 'closed')))
		AND ((OLD.total_ore > OLD.paid_ore AND OLD.amili_state IN ('', 'closed') AND OLD.pause = '')
			!= (NEW.total_ore > NEW.paid_ore AND NEW.amili_state IN ('', 'closed') AND NEW.pause = '')
			OR ((NEW.total_ore > NEW.paid_ore AND NEW.amili_state IN ('', 'closed') AND NEW.pause = '')
				AND (OLD.plan_step != NEW.plan_step OR OLD.last_reminded != NEW.last_reminded
					OR OLD.due_date != NEW.due_date OR OLD.customer_id != NEW.customer_id))))
	EXECUTE FUNCTION plan_sums_update();

-- A customer who becomes a company (or stops being one) takes its invoices to the
-- other plan's rows.
CREATE FUNCTION plan_sums_company() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO plan_sums (step, company, day, due, n)
		SELECT i.plan_step, k.company,
			CASE WHEN i.plan_step = 0 OR i.last_reminded = '' THEN i.due_date ELSE i.last_reminded END,
			CASE WHEN i.plan_step = 0 OR i.last_reminded = '' OR i.due_date <= i.last_reminded THEN '' ELSE i.due_date END,
			k.sign * count(*)
		FROM invoices i, (SELECT (OLD.is_company != 0)::int AS company, -1 AS sign
			UNION ALL SELECT (NEW.is_company != 0)::int, 1) k
		WHERE i.customer_id = NEW.id
		AND i.total_ore > i.paid_ore AND i.amili_state IN ('', 'closed') AND i.pause = ''
		GROUP BY 1, 2, 3, 4, k.sign
		ON CONFLICT (step, company, day, due) DO UPDATE SET n = plan_sums.n + excluded.n;
	RETURN NULL;
END $$;
CREATE TRIGGER plan_sums_company AFTER UPDATE OF is_company ON customers FOR EACH ROW
	WHEN ((OLD.is_company != 0) != (NEW.is_company != 0))
	EXECUTE FUNCTION plan_sums_company();

-- invoice_sums' update trigger no longer names charges_ore, as on SQLite (022's last
-- part): only a manual reminder batch changes the charges without the principal paid,
-- and it keeps invoice_sums itself.
DROP TRIGGER invoice_sums_update ON invoices;
CREATE TRIGGER invoice_sums_update AFTER UPDATE OF due_date, total_ore, paid_ore, amili_state, pause
	ON invoices FOR EACH ROW
	WHEN ((OLD.reminder_count = NEW.reminder_count
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed')))
		AND (OLD.due_date != NEW.due_date OR OLD.total_ore != NEW.total_ore OR OLD.paid_ore != NEW.paid_ore
			OR OLD.charges_ore != NEW.charges_ore OR (OLD.reminder_count > 0) != (NEW.reminder_count > 0)
			OR (OLD.amili_state NOT IN ('', 'closed')) != (NEW.amili_state NOT IN ('', 'closed'))
			OR (OLD.pause != '') != (NEW.pause != '')))
	EXECUTE FUNCTION invoice_sums_update();
