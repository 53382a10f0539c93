package data

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// writeHistory writes a line of the invoice's history as the store's operations do
// (addHistory in a write transaction of either engine).
func writeHistory(t *testing.T, s core.Store, invoiceID int64, at time.Time, m core.Message) {
	t.Helper()
	var err error
	switch s := s.(type) {
	case *Store:
		err = s.write(ctx, "test history", func(tx *sql.Tx) error { return addHistory(ctx, tx, invoiceID, at, m) })
	case *PGStore:
		err = s.write(ctx, "test history", func(ctx context.Context, tx *sql.Tx) error {
			return addHistory(ctx, tx, invoiceID, at, m)
		})
	default:
		t.Fatalf("a store of type %T", s)
	}
	if err != nil {
		t.Fatalf("addHistory: %v", err)
	}
}

// Issue 24: every change records who made it and when; an invoice's history shows
// it. On a server the user is the one the desktop signed in as; on a file, kept by
// one user, no one is named.
func TestAnInvoicesHistorySaysWhoMadeEachChangeAndWhen(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		at := time.Date(2026, 12, 7, 9, 15, 0, 0, time.UTC)
		writeHistory(t, s, 7, at, core.Message{Template: "Credited {{.Amount}}: {{.Reason}}", Data: map[string]string{"Amount": "100,00 kr", "Reason": "fel pris"}})
		h, err := s.InvoiceHistory(ctx, 7)
		if err != nil || len(h) != 1 {
			t.Fatalf("InvoiceHistory: %v, %v", h, err)
		}
		if !h[0].At.Equal(at) {
			t.Errorf("at %v, want %v", h[0].At, at)
		}
		want := ""
		if pg, ok := s.(*PGStore); ok {
			want = pg.cfg.User
		}
		if h[0].By != want {
			t.Errorf("by %q, want %q", h[0].By, want)
		}
	})
}

// openOffice opens the book as each of the office's users (newOffice's addresses),
// closed when the test ends.
func openOffice(t *testing.T, addr map[string]string) map[string]*PGStore {
	t.Helper()
	stores := map[string]*PGStore{}
	for who, a := range addr {
		s, err := OpenPostgres(ctx, a)
		if err != nil {
			t.Fatalf("%s opens: %v", who, err)
		}
		t.Cleanup(func() { s.Close() })
		stores[who] = s
	}
	return stores
}

func TestEachDesktopOfAnOfficeIsNamedInTheHistoryItWrote(t *testing.T) {
	_, addr := newOffice(t, "anna", "bertil")
	stores := openOffice(t, addr)
	at := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	for i, who := range []string{"anna", "bertil", "anna"} {
		writeHistory(t, stores[who], 1, at.Add(time.Duration(i)*time.Minute),
			core.Message{Template: "Credited {{.Amount}}: {{.Reason}}", Data: map[string]string{"Amount": "100,00 kr", "Reason": fmt.Sprint("rad ", i)}})
	}
	h, err := stores["bertil"].InvoiceHistory(ctx, 1)
	if err != nil || len(h) != 3 {
		t.Fatalf("InvoiceHistory: %v, %v", h, err)
	}
	for i, who := range []string{"anna", "bertil", "anna"} {
		if !strings.HasPrefix(h[i].By, who+"_") {
			t.Errorf("line %d by %q, want %s's user", i, h[i].By, who)
		}
	}
}
