package data

import (
	"database/sql"
	"slices"
	"strings"
	"testing"

	"paminn/core"
)

// stoppedMigration is migration 018, which lets a reminder be held back ('stopped').
func stoppedMigration(t *testing.T) migration {
	t.Helper()
	for _, m := range migrations {
		if strings.HasSuffix(m.name, "_stopped_deliveries") {
			return m
		}
	}
	t.Fatal("no migration *_stopped_deliveries")
	return migration{}
}

// addLaterReminderColumns adds back the reminders' columns the migrations after
// version add (019_plan_steps.sql and on), which 018's rebuild, run again, drops: with
// their defaults, as those migrations add them to the rows 018 leaves.
func addLaterReminderColumns(tx *sql.Tx, version int) error {
	for _, m := range migrations {
		if m.version <= version {
			continue
		}
		var code []string // the SQL without its comment lines, which may hold a ';'
		for _, line := range strings.Split(m.sql, "\n") {
			if !strings.HasPrefix(strings.TrimSpace(line), "--") {
				code = append(code, line)
			}
		}
		for _, stmt := range strings.Split(strings.Join(code, "\n"), ";") {
			stmt = strings.TrimSpace(stmt)
			if strings.HasPrefix(stmt, "ALTER TABLE reminders ADD COLUMN") {
				if _, err := tx.ExecContext(ctx, stmt); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// dumpReminders is every reminder row, every column, as text, by id.
func dumpReminders(t *testing.T, s *Store) []string {
	t.Helper()
	rows, err := s.db.Query(`SELECT * FROM reminders ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var out []string
	for rows.Next() {
		vals := make([]sql.NullString, len(cols))
		dest := make([]any, len(cols))
		for i := range vals {
			dest[i] = &vals[i]
		}
		if err := rows.Scan(dest...); err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for i, v := range vals {
			b.WriteString(cols[i] + "=" + v.String + ";")
		}
		out = append(out, b.String())
	}
	return out
}

// A book with reminders, their charges in the claim ledger and one failed delivery,
// rebuilt by 018 (run again, as on a book an earlier version left): every row and
// column is kept, the ledger's references to the reminders hold, every index is
// back, and a reminder can now be held back as 'stopped', with why, never claimed
// again.
func TestTheStoppedMigrationKeepsEveryReminderChargeAndIndex(t *testing.T) {
	s := mustOpen(t)
	rs := queueBook(t, s)
	claimIDs(t, s, at("10:01"), at("09:00"), 1)
	if err := s.FinishDelivery(ctx, core.DeliveryOutcome{ReminderID: rs[0].ID, State: core.DeliveryFailed,
		Error: "Disk full", At: at("10:02")}); err != nil {
		t.Fatal(err)
	}
	before := dumpReminders(t, s)
	m := stoppedMigration(t)
	if err := s.writeWithoutForeignKeys(ctx, "migrate "+m.name, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		return addLaterReminderColumns(tx, m.version)
	}); err != nil {
		t.Fatal(err)
	}
	if after := dumpReminders(t, s); !slices.Equal(before, after) {
		t.Errorf("the rebuild changed the reminders:\nbefore %q\nafter  %q", before, after)
	}
	var broken int
	if err := s.db.QueryRow(`SELECT count(*) FROM pragma_foreign_key_check`).Scan(&broken); err != nil || broken != 0 {
		t.Errorf("%d broken references after the rebuild (%v)", broken, err)
	}
	var charges int
	if err := s.db.QueryRow(`SELECT count(*) FROM claim_entries e JOIN reminders r ON r.id = e.reminder_id`).Scan(&charges); err != nil || charges != 3 {
		t.Errorf("%d charges find their reminder (%v), want 3", charges, err)
	}
	var indexes []string
	rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'reminders' AND sql IS NOT NULL ORDER BY name`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		indexes = append(indexes, n)
	}
	rows.Close()
	if want := []string{"reminders_by_invoice", "reminders_late_compensation", "reminders_queue"}; !slices.Equal(indexes, want) {
		t.Errorf("indexes on reminders %v, want %v", indexes, want)
	}

	claimIDs(t, s, at("10:03"), at("09:00"), 1)
	why := core.Message{Template: "Held back: invoice {{.Number}} was paid before the reminder went out", Data: map[string]string{"Number": "B"}}
	if err := s.FinishDelivery(ctx, core.DeliveryOutcome{ReminderID: rs[1].ID, State: core.DeliveryStopped,
		Error: why.Text(), Failure: why, At: at("10:04")}); err != nil {
		t.Fatal(err)
	}
	if ids, _ := claimIDs(t, s, at("12:00"), at("11:00"), 10); !slices.Equal(ids, []int64{rs[2].ID}) {
		t.Errorf("claimed %v, want only %d: a stopped reminder is never claimed again", ids, rs[2].ID)
	}
	got, _ := s.BatchReminders(ctx, rs[0].BatchID)
	if g := got[1]; g.State != core.DeliveryStopped || g.FailureMessage().Text() != "Held back: invoice B was paid before the reminder went out" {
		t.Errorf("stopped reminder = %s %q", g.State, g.FailureMessage().Text())
	}
}

// A rebuild that would leave a reference broken commits nothing, and the pool's
// connections keep their foreign keys on afterwards.
func TestARebuildThatBreaksAReferenceCommitsNothing(t *testing.T) {
	s := mustOpen(t)
	rs := queueBook(t, s)
	err := s.writeWithoutForeignKeys(ctx, "break", func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM reminders WHERE id = ?`, rs[0].ID)
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "claim_entries") {
		t.Errorf("a rebuild deleting a charged reminder returned %v, want the broken reference named", err)
	}
	if got := dumpReminders(t, s); len(got) != 3 {
		t.Errorf("%d reminders left, want all 3: nothing is committed", len(got))
	}
	for range 4 { // every pooled connection, the one used included
		var fk int
		if err := s.db.QueryRow(`PRAGMA foreign_keys`).Scan(&fk); err != nil || fk != 1 {
			t.Fatalf("foreign_keys = %d (%v) after the rebuild, want 1", fk, err)
		}
	}
}
