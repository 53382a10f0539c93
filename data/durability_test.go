package data

import "testing"

// Every pooled connection syncs the WAL at each commit (synchronous=FULL, SQLite
// "PRAGMA synchronous": 2 is FULL), so a committed batch survives a power cut and its
// reminders are never sent twice (core/RULES.md, rule 8).
func TestEveryConnectionSyncsAtEachCommit(t *testing.T) {
	s := mustOpen(t)
	s.db.SetMaxOpenConns(4)
	conns := make([]interface{ Close() error }, 0, 3)
	for range 3 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var mode int
		if err := c.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&mode); err != nil {
			t.Fatal(err)
		}
		if mode != 2 {
			t.Errorf("connection %d: synchronous = %d, want 2 (FULL)", len(conns), mode)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}
