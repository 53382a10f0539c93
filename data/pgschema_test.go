package data

import (
	"database/sql"
	"fmt"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// schemaShape is what two engines' schemas must agree on: per table its columns in
// order (name, NOT NULL, default), the names of the indexes (with UNIQUE), and the
// triggers by name with the table and event each one follows (the columns of an
// UPDATE OF, sorted): "plan_sums_update: UPDATE OF customer_id, … ON invoices".
type schemaShape struct {
	columns  map[string][]string
	indexes  []string
	triggers []string
}

// TestPostgresSchemaMatchesSQLite keeps pgmigrations in step with migrations: a SQLite
// book at the PostgreSQL schema's version (022 and on) and a PostgreSQL book have the
// same tables, columns (with NOT NULL and defaults), indexes by name, and triggers by
// name, table and event (an UPDATE OF with the same columns). What a trigger does is
// held in step by the tests of what it keeps (plansums_test.go, on both engines).
func TestPostgresSchemaMatchesSQLite(t *testing.T) {
	if pgSchemaVersion() < 22 {
		t.Fatalf("the PostgreSQL schema is at %d; SQLite's 022 (plan_sums) is not ported", pgSchemaVersion())
	}
	pg := mustOpenPG(t)
	want := sqliteShapeAt(t, pgSchemaVersion())
	got := pgShape(t, pg.db)
	delete(got.columns, "paminn_book") // SQLite's application_id
	for table, cols := range want.columns {
		if !slices.Equal(got.columns[table], cols) {
			t.Errorf("table %s:\n postgres %v\n sqlite   %v", table, got.columns[table], cols)
		}
	}
	for table := range got.columns {
		if want.columns[table] == nil {
			t.Errorf("table %s is on PostgreSQL only", table)
		}
	}
	if !slices.Equal(got.indexes, want.indexes) {
		t.Errorf("indexes:\n postgres %v\n sqlite   %v", got.indexes, want.indexes)
	}
	if !slices.Equal(got.triggers, want.triggers) {
		t.Errorf("triggers:\n postgres %v\n sqlite   %v", got.triggers, want.triggers)
	}
}

// pgOnlyIndexes are the server's indexes SQLite has no need of, each for a plan only
// PostgreSQL's planner needs it for (the migration that makes it says why).
var pgOnlyIndexes = map[string]bool{
	"invoices_open_by_claim":      true, // pgmigrations/027, as the one below
	"invoices_reminded_by_status": true, // pgmigrations/027
	"invoices_open_by_id":         true, // pgmigrations/029
}

// sqliteShapeAt opens a new SQLite book migrated to version only.
func sqliteShapeAt(t *testing.T, version int) schemaShape {
	t.Helper()
	if version > len(migrations) {
		t.Fatalf("the PostgreSQL schema is at %d, SQLite's migrations end at %d", version, len(migrations))
	}
	all := migrations
	migrations = migrations[:version]
	s, err := Open(filepath.Join(t.TempDir(), "book.db"))
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	shape := schemaShape{columns: map[string][]string{}}
	tables := queryStrings(t, s.db, `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	for _, table := range tables {
		rows, err := s.db.Query(`SELECT name, "notnull", coalesce(dflt_value, '') FROM pragma_table_info(?) ORDER BY cid`, table)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var name, def string
			var notNull bool
			if err := rows.Scan(&name, &notNull, &def); err != nil {
				t.Fatal(err)
			}
			shape.columns[table] = append(shape.columns[table], columnShape(name, notNull, def))
		}
		rows.Close()
	}
	// The search's FTS5 tables (023) are PostgreSQL's trigram indexes of the same
	// names, which follow their columns without triggers: they count as indexes here,
	// and their shadow tables and the triggers that write them are left out.
	search := queryStrings(t, s.db, `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'`)
	ofSearch := func(name string) bool {
		return slices.ContainsFunc(search, func(v string) bool { return name == v || strings.HasPrefix(name, v+"_") })
	}
	for table := range shape.columns {
		if ofSearch(table) {
			delete(shape.columns, table)
		}
	}
	shape.indexes = queryStrings(t, s.db, `SELECT name || CASE WHEN sql LIKE 'CREATE UNIQUE%' THEN ' unique' ELSE '' END
		FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
		UNION ALL SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' ORDER BY 1`)
	for _, sql := range queryStrings(t, s.db, `SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND NOT (`+
		searchTriggers(search)+`) ORDER BY name`) {
		m := sqliteTrigger.FindStringSubmatch(sql)
		if m == nil {
			t.Fatalf("cannot read the trigger %s", sql)
		}
		shape.triggers = append(shape.triggers, triggerShape(m[1], m[2], m[4], m[5]))
	}
	return shape
}

// pgShape reads the shape of the PostgreSQL book db holds.
func pgShape(t *testing.T, db *sql.DB) schemaShape {
	t.Helper()
	shape := schemaShape{columns: map[string][]string{}}
	rows, err := db.Query(`SELECT table_name, column_name, is_nullable = 'NO', coalesce(column_default, ''),
		is_identity = 'YES' FROM information_schema.columns WHERE table_schema = current_schema()
		ORDER BY table_name, ordinal_position`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var table, name, def string
		var notNull, identity bool
		if err := rows.Scan(&table, &name, &notNull, &def, &identity); err != nil {
			t.Fatal(err)
		}
		if identity {
			notNull = false // SQLite's INTEGER PRIMARY KEY reads as nullable; both give every row one
		}
		if name == "version" && table == "schema_version" || name == "id" && (table == "settings" || table == "book_identity") {
			notNull = false // the same: an INTEGER PRIMARY KEY on SQLite
		}
		if name == "by_user" && strings.EqualFold(def, "session_user") {
			def = "''" // 025: who wrote a row is the signed-in user on a server, '' on a file
		}
		shape.columns[table] = append(shape.columns[table], columnShape(name, notNull, def))
	}
	rows.Close()
	// Constraint-made indexes (primary keys, UNIQUE columns) are SQLite's autoindexes,
	// which have no SQL and so are left out on both sides.
	shape.indexes = queryStrings(t, db, `SELECT i.relname || CASE WHEN x.indisunique THEN ' unique' ELSE '' END
		FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class r ON r.oid = x.indrelid
		WHERE r.relnamespace = current_schema()::regnamespace
		AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)
		ORDER BY i.relname COLLATE "C"`)
	shape.indexes = slices.DeleteFunc(shape.indexes, func(name string) bool { return pgOnlyIndexes[name] })
	rows, err = db.Query(`SELECT t.trigger_name::text, t.event_manipulation::text, t.event_object_table::text,
		coalesce((SELECT string_agg(u.event_object_column::text, ',') FROM information_schema.triggered_update_columns u
			WHERE u.trigger_schema = t.trigger_schema AND u.trigger_name = t.trigger_name
			AND u.event_object_table = t.event_object_table), '')
		FROM information_schema.triggers t WHERE t.trigger_schema = current_schema()
		ORDER BY t.trigger_name::text COLLATE "C"`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name, event, table, cols string
		if err := rows.Scan(&name, &event, &table, &cols); err != nil {
			t.Fatal(err)
		}
		shape.triggers = append(shape.triggers, triggerShape(name, event, cols, table))
	}
	return shape
}

// searchTriggers is the SQL term that holds for the triggers writing the FTS5 tables
// named in search (their names begin with the table's), "false" for none.
func searchTriggers(search []string) string {
	term := `false`
	for _, v := range search {
		term += ` OR name LIKE '` + v + `\_%' ESCAPE '\'`
	}
	return term
}

// sqliteTrigger reads a SQLite trigger's name, event, UPDATE OF columns and table.
var sqliteTrigger = regexp.MustCompile(`(?is)^CREATE TRIGGER\s+(\w+)\s+(?:BEFORE\s+|AFTER\s+)?(INSERT|DELETE|UPDATE)(\s+OF\s+([\w\s,]+?))?\s+ON\s+(\w+)`)

// triggerShape is how a trigger compares: its name, event (with the UPDATE OF columns,
// sorted) and table.
func triggerShape(name, event, cols, table string) string {
	event = strings.ToUpper(event)
	if cols = strings.TrimSpace(cols); cols != "" {
		list := strings.FieldsFunc(cols, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' || r == '\n' })
		slices.Sort(list)
		event += " OF " + strings.Join(list, ", ")
	}
	return name + ": " + event + " ON " + table
}

// pgCast is a PostgreSQL default's type cast ('pending'::text).
var pgCast = regexp.MustCompile(`::[a-z ]+$`)

// columnShape is how a column compares: name, NOT NULL, and its default without a cast.
func columnShape(name string, notNull bool, def string) string {
	def = strings.TrimSpace(pgCast.ReplaceAllString(def, ""))
	return fmt.Sprintf("%s notnull=%v default=%s", name, notNull, def)
}

// queryStrings reads a one-column query's rows.
func queryStrings(t *testing.T, db *sql.DB, q string, args ...any) []string {
	t.Helper()
	rows, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			t.Fatal(err)
		}
		out = append(out, s)
	}
	return out
}
