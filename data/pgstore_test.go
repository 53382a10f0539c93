package data

import (
	"database/sql"
	"errors"
	"net/url"
	"strings"
	"sync"
	"testing"

	"paminn/core"
)

func TestIsServerAddressTellsAServerFromAFile(t *testing.T) {
	tests := []struct {
		db   string
		want bool
	}{
		{"postgres://anna@db.example.se/paminn", true},
		{"postgresql://anna@db.example.se/paminn?sslmode=verify-full", true},
		{"POSTGRES://anna@db.example.se/paminn", true},
		{"paminn.db", false},
		{"/home/anna/postgres://x.db", false},
		{`C:\Users\anna\paminn.db`, false},
		{"postgres:/x", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsServerAddress(tt.db); got != tt.want {
			t.Errorf("IsServerAddress(%q) = %v, want %v", tt.db, got, tt.want)
		}
	}
}

// withPassword is the test server's address with the password replaced.
func withPassword(t *testing.T, address, password string) string {
	t.Helper()
	u, err := url.Parse(address)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(u.User.Username(), password)
	return u.String()
}

// pgExec runs statements on the database at address, as the test server's superuser.
func pgExec(t *testing.T, address string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("pgx", address)
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

func TestOpenPostgresExplainsWhatIsWrong(t *testing.T) {
	skipWithoutPG(t)
	book := newPGBook(t)
	foreign := newPGDatabase(t, "")
	pgExec(t, foreign, `CREATE TABLE orders (id bigint PRIMARY KEY)`)
	newer := newPGBook(t)
	pgExec(t, newer, `INSERT INTO schema_version (version, applied_at) VALUES (999, '2030-01-01T00:00:00Z')`)
	tests := []struct {
		name    string
		address string
		code    core.ErrorCode
		message string
	}{
		{"an address that is not a URL is refused as such", "postgres://anna@[::1", core.EINVALID, msgPGAddress},
		{"a server that does not answer is unreachable", "postgres://anna:x@127.0.0.1:1/paminn?connect_timeout=5", core.EUNAVAILABLE, msgPGUnreachable},
		{"a wrong password is refused", withPassword(t, book, "not-the-password"), core.EUNAVAILABLE, msgPGRefused},
		{"a database that does not exist is named", pgAddress(t, "no_such_book"), core.ENOTFOUND, msgPGNoDatabase},
		{"another program's database is not a book", foreign, core.EINVALID, msgPGForeign},
		{"a book from a newer Påminn asks for an update", newer, core.EINVALID, msgPGNewer},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := OpenPostgres(ctx, tt.address)
			if err == nil {
				s.Close()
				t.Fatal("OpenPostgres succeeded")
			}
			wantCode(t, err, tt.code)
			var ce *core.Error
			if !errors.As(err, &ce) || ce.Message != tt.message {
				t.Fatalf("message = %v, want %q", err, tt.message)
			}
			if pw, ok := passwordOf(tt.address); ok && strings.Contains(err.Error(), pw) {
				t.Fatalf("the error %q shows the password", err)
			}
		})
	}
}

// passwordOf is address's password, if it has one.
func passwordOf(address string) (string, bool) {
	u, err := url.Parse(address)
	if err != nil || u.User == nil {
		return "", false
	}
	return u.User.Password()
}

func TestAnotherProgramsDatabaseIsLeftUntouched(t *testing.T) {
	foreign := newPGDatabase(t, "")
	pgExec(t, foreign, `CREATE TABLE orders (id bigint PRIMARY KEY)`)
	if _, err := OpenPostgres(ctx, foreign); err == nil {
		t.Fatal("OpenPostgres succeeded")
	}
	db, err := sql.Open("pgx", foreign)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("%d tables (%v), want the one it had", n, err)
	}
}

func TestDesktopsOpeningANewBookAtOnceMigrateItOnce(t *testing.T) {
	address := newPGDatabase(t, "")
	const desktops = 6
	var wg sync.WaitGroup
	errs := make([]error, desktops)
	stores := make([]*PGStore, desktops)
	for i := range desktops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stores[i], errs[i] = OpenPostgres(ctx, address)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("desktop %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	var versions, distinct, identities, rates int
	err := stores[0].db.QueryRow(`SELECT (SELECT count(*) FROM schema_version),
		(SELECT count(DISTINCT version) FROM schema_version), (SELECT count(*) FROM book_identity),
		(SELECT count(*) FROM reference_rates)`).Scan(&versions, &distinct, &identities, &rates)
	if err != nil {
		t.Fatal(err)
	}
	if versions != pgSchemaVersion() || distinct != versions || identities != 1 || rates != len(core.DefaultReferenceRates()) {
		t.Fatalf("%d versions (%d distinct), %d identities, %d rates; want each version once, one identity, the %d rates",
			versions, distinct, identities, rates, len(core.DefaultReferenceRates()))
	}
}

func TestTheServerBookNeverHoldsThePassword(t *testing.T) {
	address := newPGBook(t)
	password, ok := passwordOf(address)
	if !ok || password == "" {
		t.Skip("the test server's address has no password")
	}
	s, err := OpenPostgres(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	set := core.DefaultSettings()
	set.Company.Name = "Anna AB"
	if err := s.SaveSettings(ctx, set); err != nil {
		t.Fatal(err)
	}
	mustCustomer(t, s, "K1", "Anna AB")
	rows, err := s.db.Query(`SELECT tablename FROM pg_tables WHERE schemaname = current_schema()`)
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	rows.Close()
	for _, table := range tables {
		var n int
		q := `SELECT count(*) FROM ` + table + ` t WHERE strpos(t::text, ?) > 0`
		if err := s.db.QueryRow(q, password).Scan(&n); err != nil || n > 0 {
			t.Fatalf("%s: %d rows hold the password (%v)", table, n, err)
		}
	}
}

// Every invoice_sums flag SQLite reads as a boolean is compared on PostgreSQL, for
// each fact held and failed: no term reaches the server as a bare integer.
func TestEveryInvoiceSumsTermIsAComparisonOnPostgres(t *testing.T) {
	for f := range factsSQL {
		for _, term := range []core.Term{core.Is(f), core.Not(f)} {
			for _, c := range pgSumsTerms([]core.Term{term}).conds {
				if isSQLName(strings.TrimPrefix(c, "NOT ")) {
					t.Errorf("fact %d: %q is a bare flag", f, c)
				}
			}
		}
	}
	if got := pgAnd(renderedTerms{}); got != "true" {
		t.Errorf("no terms = %q, want true", got)
	}
}

// Every twin is PostgreSQL's: nothing only SQLite reads is left in it.
func TestPostgresTwinsHoldNothingOnlySQLiteReads(t *testing.T) {
	if len(pgTwins) == 0 {
		t.Fatal("no twins registered")
	}
	for sqlite, pg := range pgTwins {
		if hasSQLiteOnly(pg) {
			t.Errorf("the twin of %q still reads as SQLite: %q", sqlite, pg)
		}
	}
	want := `SELECT invoice_id, sum(x)::bigint FROM t WHERE invoice_id IN (SELECT value::bigint FROM json_array_elements_text(?1::json))`
	if got := pgIDList(`SELECT invoice_id, SUM(x) FROM t INDEXED BY t_i WHERE invoice_id IN (SELECT value FROM json_each(?1))`); got != want {
		t.Errorf("pgIDList = %q\nwant       %q", got, want)
	}
}
