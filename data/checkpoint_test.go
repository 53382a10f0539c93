package data

import "testing"

// Every pooled connection checkpoints the WAL only once it holds walCheckpointPages
// pages, so a reminder batch on a large book seldom waits for one.
func TestEveryConnectionCheckpointsALargerWAL(t *testing.T) {
	s := mustOpen(t)
	s.db.SetMaxOpenConns(4)
	conns := make([]interface{ Close() error }, 0, 3)
	for range 3 {
		c, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		var pages int
		if err := c.QueryRowContext(ctx, `PRAGMA wal_autocheckpoint`).Scan(&pages); err != nil {
			t.Fatal(err)
		}
		if pages != walCheckpointPages {
			t.Errorf("connection %d: wal_autocheckpoint = %d, want %d", len(conns), pages, walCheckpointPages)
		}
	}
	for _, c := range conns {
		c.Close()
	}
}
