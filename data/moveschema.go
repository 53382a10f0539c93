package data

import (
	"context"
	"database/sql"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// The schema a move reads (move.go): which tables a book has, their columns, keys and
// references, asked of the engine itself (sqlite_schema and pragmas; PostgreSQL's
// catalog), never listed by hand, so a table or column a later migration adds is moved
// without a change here.

// derivedTables are the tables the book's triggers keep from its other tables: the
// list's totals (invoice_sums, 008) and the plan's counts (plan_sums, 022). A move does
// not copy them: the target's triggers derive them again as the rows arrive, and the
// move's test compares them with the source's. SQLite's virtual tables (the FTS5
// search index, 023) and their shadow tables are derived too; they are found by
// their kind, not named here.
var derivedTables = map[string]bool{"invoice_sums": true, "plan_sums": true}

// engineTables are tables one engine has in place of something the other keeps
// elsewhere: PostgreSQL's paminn_book holds what SQLite keeps as its application_id.
var engineTables = map[string]bool{"paminn_book": true}

// moveTable is one table a move copies.
type moveTable struct {
	name    string
	columns []string // in the source's order
	key     []string // the primary key's columns: the order rows are copied in
	refs    []string // the tables its foreign keys name
	// generated is the column PostgreSQL generates IDs for (an identity column), or "".
	generated string
}

// bookSchema is the tables of one book: those a move copies, by name, and those it
// leaves to be derived.
type bookSchema struct {
	tables  map[string]*moveTable
	derived []string
}

// sqliteSchema reads the schema of the SQLite book tx reads.
func sqliteSchema(ctx context.Context, tx *sql.Tx) (bookSchema, error) {
	kinds, err := queryPairs(ctx, tx, `SELECT name, type FROM pragma_table_list WHERE schema = 'main'
		AND name NOT LIKE 'sqlite_%' AND type IN ('table', 'virtual', 'shadow') ORDER BY name`)
	if err != nil {
		return bookSchema{}, err
	}
	bs := bookSchema{tables: map[string]*moveTable{}}
	for _, k := range kinds {
		name, kind := k[0], k[1]
		if kind != "table" || derivedTables[name] {
			bs.derived = append(bs.derived, name)
			continue
		}
		t := &moveTable{name: name}
		cols, err := queryPairs(ctx, tx, `SELECT name, pk FROM pragma_table_info(?) ORDER BY cid`, name)
		if err != nil {
			return bookSchema{}, err
		}
		t.key = keyColumns(cols)
		for _, c := range cols {
			t.columns = append(t.columns, c[0])
		}
		if t.refs, err = queryColumn(ctx, tx, `SELECT DISTINCT "table" FROM pragma_foreign_key_list(?)`, name); err != nil {
			return bookSchema{}, err
		}
		bs.tables[name] = t
	}
	return bs, nil
}

// keyColumns orders pragma_table_info's (name, pk) pairs' key columns by their place
// in the key.
func keyColumns(cols [][2]string) []string {
	var key [][2]string
	for _, c := range cols {
		if c[1] != "0" {
			key = append(key, c)
		}
	}
	place := func(c [2]string) int { n, _ := strconv.Atoi(c[1]); return n }
	sort.Slice(key, func(i, j int) bool { return place(key[i]) < place(key[j]) })
	out := make([]string, len(key))
	for i, c := range key {
		out[i] = c[0]
	}
	return out
}

// pgSchema reads the schema of the PostgreSQL book tx reads.
func pgSchema(ctx context.Context, tx *sql.Tx) (bookSchema, error) {
	bs := bookSchema{tables: map[string]*moveTable{}}
	cols, err := queryRows(ctx, tx, `SELECT table_name, column_name, is_identity FROM information_schema.columns
		WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`, 3)
	if err != nil {
		return bookSchema{}, err
	}
	for _, c := range cols {
		table, column := c[0], c[1]
		if derivedTables[table] {
			if !slices.Contains(bs.derived, table) {
				bs.derived = append(bs.derived, table)
			}
			continue
		}
		t := bs.tables[table]
		if t == nil {
			t = &moveTable{name: table}
			bs.tables[table] = t
		}
		t.columns = append(t.columns, column)
		if c[2] == "YES" {
			t.generated = column
		}
	}
	keys, err := queryRows(ctx, tx, `SELECT r.relname, a.attname FROM pg_index x
		JOIN pg_class r ON r.oid = x.indrelid
		JOIN LATERAL unnest(x.indkey) WITH ORDINALITY AS k(attnum, n) ON true
		JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum = k.attnum
		WHERE x.indisprimary AND r.relnamespace = current_schema()::regnamespace ORDER BY r.relname, k.n`, 2)
	if err != nil {
		return bookSchema{}, err
	}
	for _, k := range keys {
		if t := bs.tables[k[0]]; t != nil {
			t.key = append(t.key, k[1])
		}
	}
	refs, err := queryRows(ctx, tx, `SELECT DISTINCT c.conrelid::regclass::text, c.confrelid::regclass::text
		FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`, 2)
	if err != nil {
		return bookSchema{}, err
	}
	for _, r := range refs {
		if t := bs.tables[r[0]]; t != nil {
			t.refs = append(t.refs, r[1])
		}
	}
	return bs, nil
}

// copyOrder is the order the move fills tables in: each after the tables it refers
// to (a table's reference to itself is met by copying in key order), by name among
// equals, so that the target's foreign keys hold at every row.
func copyOrder(tables map[string]*moveTable) []*moveTable {
	names := make([]string, 0, len(tables))
	for name := range tables {
		names = append(names, name)
	}
	sort.Strings(names)
	done := map[string]bool{}
	var order []*moveTable
	var visit func(name string)
	visit = func(name string) {
		t := tables[name]
		if t == nil || done[name] {
			return
		}
		done[name] = true
		refs := slices.Clone(t.refs)
		sort.Strings(refs)
		for _, r := range refs {
			visit(r)
		}
		order = append(order, t)
	}
	for _, name := range names {
		visit(name)
	}
	return order
}

// quoteIdent quotes a table or column name for either engine.
func quoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// quoteIdents quotes and joins names.
func quoteIdents(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quoteIdent(n)
	}
	return strings.Join(q, ", ")
}

// queryColumn reads a one-column query's rows as text.
func queryColumn(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]string, error) {
	rows, err := queryRows(ctx, tx, q, 1, args...)
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r[0]
	}
	return out, err
}

// queryPairs reads a two-column query's rows as text.
func queryPairs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([][2]string, error) {
	rows, err := queryRows(ctx, tx, q, 2, args...)
	out := make([][2]string, len(rows))
	for i, r := range rows {
		out[i] = [2]string{r[0], r[1]}
	}
	return out, err
}

// queryRows reads a query's rows of n columns as text.
func queryRows(ctx context.Context, tx *sql.Tx, q string, n int, args ...any) ([][]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out [][]string
	for rows.Next() {
		row := make([]string, n)
		ptrs := make([]any, n)
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
