package data

import (
	"context"
	"database/sql"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"paminn/core"
)

// atServerVersion makes the SQLite books this test opens stop at the PostgreSQL
// schema's version while PostgreSQL's migrations end before SQLite's (a move refuses
// books of different versions), so the move is tested at the version both engines
// have; it returns a function that takes a book written at SQLite's version down to
// that one (downgradeBook) and has the books opened until t ends stop there. It says
// so in the test's log.
func atServerVersion(t testing.TB) (down func(t testing.TB, path string)) {
	t.Helper()
	if pgSchemaVersion() >= len(migrations) {
		return func(testing.TB, string) {}
	}
	t.Logf("SQLite books moved at %d for this test: PostgreSQL's migrations end there, SQLite's at %d",
		pgSchemaVersion(), len(migrations))
	all := migrations
	fresh := filepath.Join(t.TempDir(), "fresh.db")
	migrations = all[:pgSchemaVersion()]
	s, err := Open(fresh)
	migrations = all
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	return func(t testing.TB, path string) {
		downgradeBook(t, path, fresh, pgSchemaVersion())
		migrations = all[:pgSchemaVersion()]
		t.Cleanup(func() { migrations = all })
	}
}

// downgradeBook takes the SQLite book at path back to the schema of the new book at
// fresh, of version: what only the book has is dropped (triggers, indexes, tables, the
// search index), what only fresh has is made, and the versions past version are
// forgotten. Its rows stay as they are: the store wrote them at the newer version.
func downgradeBook(t testing.TB, path, fresh string, version int) {
	t.Helper()
	objects := func(p string) map[string][2]string {
		db, err := sql.Open("sqlite", dsn(p, "ro"))
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		rows, err := db.Query(`SELECT name, type, sql FROM sqlite_schema WHERE sql IS NOT NULL
			AND name NOT IN (SELECT name FROM pragma_table_list WHERE type = 'shadow')`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		out := map[string][2]string{}
		for rows.Next() {
			var name, typ, text string
			if err := rows.Scan(&name, &typ, &text); err != nil {
				t.Fatal(err)
			}
			out[name] = [2]string{typ, text}
		}
		return out
	}
	have, want := objects(path), objects(fresh)
	var stmts []string
	for _, typ := range []string{"trigger", "index", "table"} {
		for name, o := range have {
			if o[0] == typ && want[name] != o {
				stmts = append(stmts, "DROP "+strings.ToUpper(typ)+" "+quoteIdent(name))
			}
		}
	}
	for _, typ := range []string{"table", "index", "trigger"} {
		for name, o := range want {
			if o[0] == typ && have[name] != o {
				stmts = append(stmts, o[1])
			}
		}
	}
	stmts = append(stmts, fmt.Sprintf("DELETE FROM schema_version WHERE version > %d", version))
	db, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// bookRows is every table of a book: its rows, each rendered with its values' types,
// sorted; and which tables the move derives rather than copies.
type bookRows struct {
	tables  map[string][]string
	derived map[string]bool
}

// dumpSQLiteBook reads every row of every table of the SQLite book at path, the
// search index as its (term, row) pairs.
func dumpSQLiteBook(t *testing.T, path string) bookRows {
	t.Helper()
	db, err := sql.Open("sqlite", dsn(path, "ro"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	out := dumpBook(t, db, sqliteSchema)
	virtual := queryStrings(t, db, `SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5(%'`)
	for _, name := range virtual {
		conn, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		vocab := quoteIdent("vocab_" + name)
		if _, err := conn.ExecContext(ctx, `CREATE VIRTUAL TABLE temp.`+vocab+` USING fts5vocab(main, `+quoteIdent(name)+`, 'instance')`); err != nil {
			t.Fatalf("vocabulary of %s: %v", name, err)
		}
		rows, err := conn.QueryContext(ctx, `SELECT term, doc FROM temp.`+vocab)
		if err != nil {
			t.Fatal(err)
		}
		out.tables[name] = renderRows(t, rows, nil)
		conn.Close()
	}
	return out
}

// dumpPGBook reads every row of every table of the PostgreSQL book at address.
func dumpPGBook(t *testing.T, address string) bookRows {
	t.Helper()
	s, err := OpenPostgres(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	return dumpBook(t, s.db, pgSchema)
}

// dumpBook reads the tables schema finds in db: those a move copies, whole, and the
// derived ones without their rows that count nothing (n = 0: a sum whose invoices
// all moved on, which a book derived anew never writes).
func dumpBook(t *testing.T, db *sql.DB, schema func(context.Context, *sql.Tx) (bookSchema, error)) bookRows {
	t.Helper()
	tx, err := db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	bs, err := schema(ctx, tx)
	if err != nil {
		t.Fatal(err)
	}
	out := bookRows{tables: map[string][]string{}, derived: map[string]bool{}}
	read := func(name string, skip func(cols []string, vals []string) bool) {
		rows, err := tx.QueryContext(ctx, `SELECT * FROM `+quoteIdent(name))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out.tables[name] = renderRows(t, rows, skip)
	}
	for name := range bs.tables {
		if !engineTables[name] {
			read(name, nil)
		}
	}
	for _, name := range bs.derived {
		out.derived[name] = true
		if derivedTables[name] {
			read(name, countsNothing)
		}
	}
	return out
}

// countsNothing is a derived row with n = 0.
func countsNothing(cols, vals []string) bool {
	i := slices.Index(cols, "n")
	return i >= 0 && vals[i] == "int 0"
}

// renderRows renders rows, columns by name, values with their types; skip, if set,
// leaves rows out.
func renderRows(t *testing.T, rows *sql.Rows, skip func(cols, vals []string) bool) []string {
	t.Helper()
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	order := make([]int, len(cols))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return cols[order[a]] < cols[order[b]] })
	var out []string
	v, err := newMovedValues(rows)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		if err := v.scan(rows); err != nil {
			t.Fatal(err)
		}
		vals := make([]string, len(cols))
		for i, x := range v.vals {
			vals[i] = renderValue(x)
		}
		if skip != nil && skip(cols, vals) {
			continue
		}
		var b strings.Builder
		for _, i := range order {
			fmt.Fprintf(&b, "%s=%s; ", cols[i], vals[i])
		}
		out = append(out, b.String())
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	sort.Strings(out)
	return out
}

// renderValue is a value with its type: a number and the same digits as text differ.
func renderValue(x any) string {
	switch x := x.(type) {
	case nil:
		return "NULL"
	case int64:
		return "int " + strconv.FormatInt(x, 10)
	case string:
		return "text " + strconv.Quote(x)
	case []byte:
		return "bytes " + hex.EncodeToString(x)
	}
	return fmt.Sprintf("%T %v", x, x)
}

// compareBooks fails t where got lacks a table of want's or a table's rows differ;
// tables only one engine has (SQLite's search index) are compared where both have
// them.
func compareBooks(t *testing.T, what string, want, got bookRows) {
	t.Helper()
	for name, rows := range want.tables {
		g, ok := got.tables[name]
		if !ok {
			if !want.derived[name] {
				t.Errorf("%s: table %s is missing", what, name)
			}
			continue
		}
		if slices.Equal(rows, g) {
			continue
		}
		t.Errorf("%s: table %s has %d rows, want %d%s", what, name, len(g), len(rows), firstDifference(rows, g))
	}
	for name := range got.tables {
		if _, ok := want.tables[name]; !ok && !got.derived[name] {
			t.Errorf("%s: table %s is new", what, name)
		}
	}
}

// firstDifference describes the first row one of want and got has and the other not.
func firstDifference(want, got []string) string {
	for _, w := range want {
		if !slices.Contains(got, w) {
			return "\n lost: " + w
		}
	}
	for _, g := range got {
		if !slices.Contains(want, g) {
			return "\n new:  " + g
		}
	}
	return ""
}

// moveSeeds is how many random books the round trip moves: a few in every run, more
// with PAMINN_MOVE_BOOKS=n.
func moveSeeds(t *testing.T) int {
	if v := os.Getenv("PAMINN_MOVE_BOOKS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			t.Fatalf("PAMINN_MOVE_BOOKS=%q: want a number of books", v)
		}
		return n
	}
	return 3
}

func TestMoveBookCopiesEveryRowToTheServerAndBack(t *testing.T) {
	skipWithoutPG(t)
	down := atServerVersion(t)
	for seed := range moveSeeds(t) {
		t.Run(fmt.Sprintf("book %d", seed), func(t *testing.T) {
			dir := t.TempDir()
			file := filepath.Join(dir, "book.db")
			s, err := Open(file)
			if err != nil {
				t.Fatal(err)
			}
			everyKindBook(t, s, uint64(seed))
			if err := s.Close(); err != nil {
				t.Fatal(err)
			}
			down(t, file)
			want := dumpSQLiteBook(t, file)
			for name, rows := range want.tables {
				if len(rows) == 0 {
					t.Errorf("the random book has no row in %s: it should hold every kind of row", name)
				}
			}
			server := newPGBook(t)
			var told []MoveProgress
			res, err := MoveBook(ctx, file, server, func(p MoveProgress) { told = append(told, p) })
			if err != nil {
				t.Fatalf("MoveBook to the server: %v", err)
			}
			compareBooks(t, "on the server", want, dumpPGBook(t, server))
			checkProgress(t, want, res, told)
			back := filepath.Join(dir, "back.db")
			if _, err := MoveBook(ctx, server, back, nil); err != nil {
				t.Fatalf("MoveBook back to a file: %v", err)
			}
			if left := dirNames(t, dir); !slices.Equal(left, []string{"back.db", "book.db", "book.db.lock"}) {
				t.Errorf("the folder holds %v after the moves, want the two books and the first's lock file", left)
			}
			compareBooks(t, "back in a file", want, dumpSQLiteBook(t, back))
			checkNextIDs(t, server)
		})
	}
}

// checkProgress holds what the move told to what it copied: each table's last word is
// all of its rows, and the rows add up to the result's.
func checkProgress(t *testing.T, want bookRows, res MoveResult, told []MoveProgress) {
	t.Helper()
	last := map[string]MoveProgress{}
	for _, p := range told {
		last[p.Table] = p
	}
	var sum int64
	for name, p := range last {
		if p.Rows != p.Of {
			t.Errorf("progress of %s ended at %d of %d rows", name, p.Rows, p.Of)
		}
		if rows, ok := want.tables[name]; ok && int64(len(rows)) != p.Rows {
			t.Errorf("progress of %s says %d rows, the book has %d", name, p.Rows, len(rows))
		}
		sum += p.Rows
	}
	if sum != res.Rows || len(last) != res.Tables {
		t.Errorf("progress told %d rows in %d tables, the result says %d in %d", sum, len(last), res.Rows, res.Tables)
	}
}

// checkNextIDs holds that the moved book's next rows get IDs past the highest moved,
// and that the server has the moved rows' statistics.
func checkNextIDs(t *testing.T, server string) {
	t.Helper()
	s, err := OpenPostgres(ctx, server)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var highest, stats int64
	if err := s.db.QueryRow(`SELECT max(id), (SELECT count(*) FROM pg_stats WHERE tablename = 'invoices')
		FROM customers`).Scan(&highest, &stats); err != nil {
		t.Fatal(err)
	}
	if stats == 0 {
		t.Errorf("the moved book has no statistics for its first screens' plans")
	}
	c, err := s.CreateCustomer(ctx, core.Customer{Number: "NEW-1", Name: "Ny kund"})
	if err != nil {
		t.Fatalf("a new customer in the moved book: %v", err)
	}
	if c.ID != highest+1 {
		t.Errorf("the new customer's ID is %d, want %d (past the highest moved)", c.ID, highest+1)
	}
}

// dirNames lists dir's files.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// TestAMovedFileDerivesItsSearchIndexAndSumsAgain fills a new SQLite book from another
// at SQLite's own version, as a move back to a file fills it, and compares every
// table: the search index (023, compared as its trigrams and rows), the list's sums
// and the plan's are derived by the new book's triggers, not copied. It needs no
// server, and holds SQLite's side of the move at SQLite's newest version while
// PostgreSQL's migrations end before it.
func TestAMovedFileDerivesItsSearchIndexAndSumsAgain(t *testing.T) {
	dir := t.TempDir()
	from := filepath.Join(dir, "book.db")
	src, err := Open(from)
	if err != nil {
		t.Fatal(err)
	}
	everyKindBook(t, src, 7)
	to := filepath.Join(dir, "copy.db")
	dst, err := Open(to)
	if err != nil {
		t.Fatal(err)
	}
	err = src.read(ctx, "test: read", func(stx *sql.Tx) error {
		return dst.fillMoved(ctx, func(ctx context.Context, ttx *sql.Tx, w rowWriter) error {
			m, err := planMove(ctx, stx, sqliteSchema, ttx, sqliteSchema, map[string]any{})
			if err != nil {
				return err
			}
			_, err = m.copy(ctx, stx, ttx, w, func(MoveProgress) {})
			return err
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	src.Close()
	dst.Close()
	want := dumpSQLiteBook(t, from)
	for _, name := range []string{"invoice_number_trigrams", "customer_name_trigrams", "invoice_sums", "plan_sums"} {
		if len(want.tables[name]) == 0 {
			t.Errorf("the book has nothing in %s to compare", name)
		}
	}
	compareBooks(t, "in the new file", want, dumpSQLiteBook(t, to))
}
