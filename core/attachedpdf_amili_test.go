package core_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"paminn/core"
)

// Issue 25, point 2: two invoices whose numbers look alike once made safe for a file
// name ("2026/15", "2026:15") kept their originals in one file, and handed to Amili,
// one customer's case received the other customer's invoice. Each case must receive
// exactly the bytes attached to its own invoice.
func TestEachAmiliCaseReceivesItsOwnInvoicesOriginal(t *testing.T) {
	for _, tc := range []struct{ name, first, second string }{
		{"a slash and a colon", "2026/15", "2026:15"},
		{"a space and an underscore", "A 1", "A_1"},
		{"numbers differing only in case", "ab-1", "AB-1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newDeliveryBook(t)
			invs := []core.Invoice{
				b.invoice(tc.first, b.customer("K1", true, ""), "2026-10-27", 10000),
				b.invoice(tc.second, b.customer("K2", true, ""), "2026-10-27", 20000),
			}
			sums := map[int64]string{}
			for _, inv := range invs {
				original := []byte("%PDF-1.4\n% the original of invoice " + inv.Number + "\n")
				path := filepath.Join(t.TempDir(), "original.pdf")
				if err := os.WriteFile(path, original, 0o600); err != nil {
					t.Fatal(err)
				}
				if _, err := b.svc.AttachInvoicePDF(b.ctx, inv.ID, path); err != nil {
					t.Fatal(err)
				}
				sum := sha256.Sum256(original)
				sums[inv.ID] = hex.EncodeToString(sum[:])
			}
			b.send(core.ReminderAmili, invs...)
			if rep, err := b.svc.DeliverPending(b.ctx); err != nil || rep.Sent != 4 {
				t.Fatalf("delivery %+v (%v), want 2 cases and 2 uploads", rep, err)
			}
			for _, inv := range invs {
				got, err := b.svc.Invoice(b.ctx, inv.ID)
				if err != nil || got.AmiliCaseRef == "" {
					t.Fatalf("invoice %s has no case (%v)", inv.Number, err)
				}
				var received []string
				for _, up := range b.sandbox.Uploads() {
					if up.Case == got.AmiliCaseRef {
						received = append(received, up.SHA256)
					}
				}
				if len(received) != 1 || received[0] != sums[inv.ID] {
					t.Errorf("the case of invoice %s received %v, want only its own original %s", inv.Number, received, sums[inv.ID])
				}
			}
		})
	}
}
