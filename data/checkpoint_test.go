package data

import "testing"

// Every pooled connection checkpoints the WAL only once it holds walCheckpointPages
// pages, so a reminder batch on a large book seldom waits for one.
func TestEveryConnectionCheckpointsALargerWAL(t *testing.T) {
	for i, pages := range pragmaOnEveryConnection(t, "wal_autocheckpoint") {
		if pages != walCheckpointPages {
			t.Errorf("connection %d: wal_autocheckpoint = %d, want %d", i+1, pages, walCheckpointPages)
		}
	}
}
