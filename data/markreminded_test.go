package data

import (
	"strings"
	"testing"
)

// A batch's UPDATE of its invoices (markReminded) runs no trigger program and calls
// no SQL function: SQLite keeps a statement journal (a copy of every page the
// statement changes, to undo it alone) for a statement that writes through a
// trigger or calls a function, since either may fail half-way; for 200 invoices
// scattered over a large book that copy was a fifth of a batch's CPU at 1,000,000
// invoices (BENCHMARKS.md, "Speed at 1,000,000: the plan's count and a batch's
// writes"). The batch's transaction is undone whole on any error anyway.
func TestABatchsUpdateOfItsInvoicesRunsNoTriggerAndCallsNoFunction(t *testing.T) {
	s := mustOpen(t)
	for name, set := range map[string]string{
		"a manual batch that charges and takes steps": `reminder_count = reminder_count + 1, last_reminded = ?` + chargesSet + planStepSet,
		"a manual batch that charges nothing":         `reminder_count = reminder_count + 1, last_reminded = ?`,
	} {
		query := markRemindedSQL(set, 3)
		args := []any{"2025-03-15"}
		for range strings.Count(set, "?") - 1 {
			args = append(args, 1)
		}
		rows, err := s.db.Query(`EXPLAIN `+query, append(args, 1, 2, 3)...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for rows.Next() {
			var addr, p1, p2, p3, p5 int
			var op string
			var p4, comment any
			if err := rows.Scan(&addr, &op, &p1, &p2, &p3, &p4, &p5, &comment); err != nil {
				t.Fatal(err)
			}
			switch op {
			case "Program":
				t.Errorf("%s: the UPDATE runs a trigger program (%v)", name, p4)
			case "Function", "PureFunc":
				t.Errorf("%s: the UPDATE calls SQL function %v", name, p4)
			}
		}
		rows.Close()
	}
}
