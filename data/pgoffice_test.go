package data

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	"paminn/core"
)

// officeSetUp is the README's set-up of an office's book ("An office's server"),
// statement by statement, with the names given: a role that owns the book and logs
// in as no one, the database it owns closed to everyone else, and a user of its own
// for each desktop, a member of the role.
func officeSetUp(owner, database string, users map[string]string) []string {
	stmts := []string{
		`CREATE ROLE ` + owner + ` NOLOGIN`,
		`CREATE DATABASE ` + database + ` OWNER ` + owner,
		`REVOKE ALL ON DATABASE ` + database + ` FROM PUBLIC`,
	}
	for user, password := range users {
		stmts = append(stmts, `CREATE ROLE `+user+` LOGIN PASSWORD '`+password+`' IN ROLE `+owner)
	}
	return stmts
}

// newOffice sets an office's book up as the README says on the test server and
// returns each user's address (with the password, as only tests write it); it is
// all dropped when the test ends.
func newOffice(tb testing.TB, users ...string) (owner string, addresses map[string]string) {
	tb.Helper()
	skipWithoutPG(tb)
	n := pgUsers.Add(1)
	owner = fmt.Sprintf("paminn_office_%d_%d", os.Getpid(), n)
	database := owner + "_book"
	passwords := map[string]string{}
	for _, u := range users {
		passwords[fmt.Sprintf("%s_%d_%d", u, os.Getpid(), n)] = "pw-" + u
	}
	tb.Cleanup(func() {
		pgAdmin(tb).Exec(`DROP DATABASE IF EXISTS ` + database + ` WITH (FORCE)`)
		for u := range passwords {
			pgAdmin(tb).Exec(`DROP ROLE IF EXISTS ` + u)
		}
		pgAdmin(tb).Exec(`DROP ROLE IF EXISTS ` + owner)
	})
	for _, stmt := range officeSetUp(owner, database, passwords) {
		if _, err := pgAdmin(tb).Exec(stmt); err != nil {
			tb.Fatalf("%s: %v", stmt, err)
		}
	}
	addresses = map[string]string{}
	for i, u := range users {
		name := fmt.Sprintf("%s_%d_%d", u, os.Getpid(), n)
		a, err := url.Parse(pgAddress(tb, database))
		if err != nil {
			tb.Fatal(err)
		}
		a.User = url.UserPassword(name, passwords[name])
		addresses[users[i]] = a.String()
	}
	return owner, addresses
}

func TestAnOfficesDesktopsShareOneBookWithTheLeastRights(t *testing.T) {
	owner, addr := newOffice(t, "anna", "bertil")
	anna, err := OpenPostgres(ctx, addr["anna"]) // the first desktop makes the empty database a book
	if err != nil {
		t.Fatalf("anna opens the new book: %v", err)
	}
	defer anna.Close()
	bertil, err := OpenPostgres(ctx, addr["bertil"])
	if err != nil {
		t.Fatalf("bertil opens the book anna made: %v", err)
	}
	defer bertil.Close()
	if _, err := bertil.CreateCustomer(ctx, core.Customer{Number: "K1", Name: "Kund Ett AB"}); err != nil {
		t.Fatalf("bertil writes: %v", err)
	}
	cs, err := anna.Customers(ctx)
	if err != nil || len(cs) != 1 {
		t.Fatalf("anna reads %v, %v", cs, err)
	}
	var others []string
	rows, err := anna.db.QueryContext(ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = current_schema() AND pg_get_userbyid(c.relowner) <> ?
		UNION ALL SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
		WHERE n.nspname = current_schema() AND pg_get_userbyid(p.proowner) <> ?
		AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid AND d.deptype = 'e')`, owner, owner) // an extension's (pg_trgm's) are the server's
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var name string
		rows.Scan(&name)
		others = append(others, name)
	}
	if rows.Close(); len(others) > 0 {
		t.Errorf("made by the migrating desktop and not the book's role: %v", others)
	}

	t.Run("a user who is not a member of the book's role is not let in, in words", func(t *testing.T) {
		carl := fmt.Sprintf("carl_%d", os.Getpid())
		if _, err := pgAdmin(t).Exec(`CREATE ROLE ` + carl + ` LOGIN PASSWORD 'pw-carl'`); err != nil {
			t.Fatal(err)
		}
		defer pgAdmin(t).Exec(`DROP ROLE ` + carl)
		u := mustURL(t, addr["anna"])
		u.User = url.UserPassword(carl, "pw-carl")
		_, err := OpenPostgres(ctx, u.String())
		if core.ErrorCodeOf(err) != core.EUNAVAILABLE || !strings.Contains(err.Error(), "does not let user "+carl) {
			t.Errorf("carl opens: %v, want him not let in", err)
		}
	})
}
