package data

import (
	"strings"
	"testing"
	"time"

	"paminn/core"
)

// Issue 24: pausing an invoice is a change, so its history shows who paused it and
// when, and who ended the pause, as every other change; a customer's pause is written
// in the history of each of its open invoices (a paid one is not paused by it). On a
// server the line names the desktop's user; on a file, no one.
func TestAPauseAndItsEndAreInTheHistoryOfEachInvoiceItPauses(t *testing.T) {
	forEachEngine(t, func(t *testing.T, s core.Store) {
		c := mustCustomer(t, s, "K1", "Anna AB")
		one := mustInvoice(t, s, c, invoiceSpec{number: "1", dueIn: -5, total: "100"})
		two := mustInvoice(t, s, c, invoiceSpec{number: "2", dueIn: -5, total: "100"})
		paid := mustInvoice(t, s, c, invoiceSpec{number: "3", dueIn: -5, total: "100", paid: "100"})
		at := time.Date(2026, 12, 7, 9, 15, 0, 0, time.UTC)
		if _, err := s.StartPause(ctx, core.Pause{InvoiceID: one.ID, Reason: core.PauseDispute, Note: "fel pris",
			Until: today.AddDays(30), Started: at}); err != nil {
			t.Fatal(err)
		}
		if err := s.EndPause(ctx, one.ID, 0, at.Add(time.Hour)); err != nil {
			t.Fatal(err)
		}
		if _, err := s.StartPause(ctx, core.Pause{CustomerID: c.ID, Reason: core.PausePlan, Started: at.Add(2 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
		by := ""
		if pg, ok := s.(*PGStore); ok {
			by = pg.cfg.User
		}
		plan := core.PauseHistory(core.Pause{Reason: core.PausePlan})
		for _, tt := range []struct {
			invoice core.Invoice
			want    []core.Message
		}{
			{one, []core.Message{core.PauseHistory(core.Pause{Reason: core.PauseDispute, Note: "fel pris", Until: today.AddDays(30)}),
				core.UnpauseHistory(), plan}},
			{two, []core.Message{plan}},
			{paid, nil},
		} {
			h, err := s.InvoiceHistory(ctx, tt.invoice.ID)
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range h {
				got = append(got, e.Message.Template+" "+e.Message.Data["Until"]+" "+e.Message.Data["Note"]+" by "+e.By)
			}
			var want []string
			for _, m := range tt.want {
				want = append(want, m.Template+" "+m.Data["Until"]+" "+m.Data["Note"]+" by "+by)
			}
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("invoice %s's history:\n%s\nwant\n%s", tt.invoice.Number, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		}
	})
}
