package data

import "testing"

// Every pooled connection syncs the WAL at each commit (synchronous=FULL, SQLite
// "PRAGMA synchronous": 2 is FULL), so a committed batch survives a power cut and its
// reminders are never sent twice (core/RULES.md, rule 8).
func TestEveryConnectionSyncsAtEachCommit(t *testing.T) {
	for i, mode := range pragmaOnEveryConnection(t, "synchronous") {
		if mode != 2 {
			t.Errorf("connection %d: synchronous = %d, want 2 (FULL)", i+1, mode)
		}
	}
}

// pragmaOnEveryConnection reads the integer PRAGMA name on three pooled connections
// held open at once, so each is a connection of its own.
func pragmaOnEveryConnection(t *testing.T, name string) []int {
	t.Helper()
	s := mustOpen(t)
	s.db.SetMaxOpenConns(4)
	var values []int
	for range 3 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		var v int
		if err := c.QueryRowContext(ctx, `PRAGMA `+name).Scan(&v); err != nil {
			t.Fatal(err)
		}
		values = append(values, v)
	}
	return values
}
