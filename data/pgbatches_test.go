package data

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"paminn/core"
)

// Batches from several desktops on one server book (issue 24): each desktop is a
// PGStore of its own, with its own connections, as a program on another computer has.

// openDesktops opens n desktops on one new server book, closed when the test ends.
func openDesktops(tb testing.TB, n int) []*PGStore {
	tb.Helper()
	address := newPGBook(tb)
	desktops := make([]*PGStore, n)
	for i := range desktops {
		s, err := OpenPostgres(ctx, address)
		if err != nil {
			tb.Fatalf("desktop %d: OpenPostgres: %v", i+1, err)
		}
		tb.Cleanup(func() { s.Close() })
		desktops[i] = s
	}
	return desktops
}

// importOverdue imports n overdue invoices (F00001…) for two customers, one a
// company, and returns them as the book holds them, in number order.
func importOverdue(tb testing.TB, s core.Store, n int) []core.Invoice {
	tb.Helper()
	customers := []core.Customer{{Number: "K1", Name: "Bygg AB", IsCompany: true}, {Number: "K2", Name: "Anna Andersson"}}
	invs := make([]core.ImportInvoice, n)
	for i := range invs {
		due := today.AddDays(-10 - i%30)
		invs[i] = core.ImportInvoice{CustomerNumber: customers[i%2].Number, Invoice: core.Invoice{
			Number: fmt.Sprintf("F%05d", i+1), InvoiceDate: due.AddDays(-30), DueDate: due,
			Total: core.FromOre(int64(10000 + i)), Currency: core.Currency}}
	}
	if _, err := s.Import(ctx, customers, invs); err != nil {
		tb.Fatalf("Import: %v", err)
	}
	return readInvoices(tb, s, n)
}

// readInvoices reads invoices 1…n as a desktop planning a batch reads them.
func readInvoices(tb testing.TB, s core.Store, n int) []core.Invoice {
	tb.Helper()
	ids := make([]int64, n)
	for i := range ids {
		ids[i] = int64(i + 1)
	}
	cs, err := s.InvoicesForReminder(ctx, ids)
	if err != nil {
		tb.Fatalf("InvoicesForReminder: %v", err)
	}
	out := make([]core.Invoice, len(cs))
	for i, c := range cs {
		out[i] = c.Invoice
	}
	return out
}

// stepReminders plans the first step of the plan for each invoice, as core plans a
// batch by the plan from what the desktop read.
func stepReminders(invs []core.Invoice) []core.Reminder {
	rs := make([]core.Reminder, len(invs))
	for i, inv := range invs {
		rs[i] = plannedReminder(inv, core.ChannelLetter)
		rs[i].Step, rs[i].Action = inv.PlanStep+1, core.StepReminder
	}
	return rs
}

// checkEachInvoiceRemindedOnce fails unless each of the book's first n invoices has exactly
// one reminder at each of the steps 1…steps, its count and step say so, no batch
// holds more than core.MaxBatch, and the sums are what the invoices add up to.
func checkEachInvoiceRemindedOnce(t *testing.T, s *PGStore, n, steps int) {
	t.Helper()
	var invoices, reminders, wrongCount, maxBatch, maxPerStep int
	err := s.db.QueryRow(`SELECT (SELECT count(*) FROM invoices WHERE id <= ?1),
		(SELECT count(*) FROM reminders WHERE invoice_id <= ?1),
		(SELECT count(*) FROM invoices i WHERE i.id <= ?1 AND (i.plan_step != ?2 OR i.reminder_count != ?2
			OR i.reminder_count != (SELECT count(*) FROM reminders r WHERE r.invoice_id = i.id))),
		(SELECT coalesce(max(count), 0) FROM reminder_batches),
		(SELECT coalesce(max(k), 0) FROM (SELECT count(*) AS k FROM reminders GROUP BY invoice_id, step) AS x)`, n, steps).
		Scan(&invoices, &reminders, &wrongCount, &maxBatch, &maxPerStep)
	if err != nil {
		t.Fatal(err)
	}
	if invoices != n || reminders != n*steps || wrongCount != 0 || maxBatch > core.MaxBatch || maxPerStep != 1 {
		t.Errorf("%d invoices (want %d), %d reminders (want %d); %d invoices whose count or step is not their reminders'; "+
			"largest batch %d; most reminders of one invoice at one step %d (want 1)",
			invoices, n, reminders, n*steps, wrongCount, maxBatch, maxPerStep)
	}
	checkPlanSums(t, s, "the desktops' batches")
}

// Two desktops send overlapping batches at once, each planned from what it read, for
// the first step of the plan and then for the second: the book writes one of them
// whole, and refuses the other whole (ECONFLICT, naming an invoice), so no invoice
// takes a step twice. The refused desktop plans again from the book and sends the
// rest. Both then send one more batch under one idempotency key, at once: the book
// writes it once, and both get its result. A batch over the cap of 200 is refused.
func TestTwoDesktopsSendingOverlappingBatchesRemindEachInvoiceOnce(t *testing.T) {
	desktops := openDesktops(t, 2)
	const n = 2*core.MaxBatch - 100 // 300: the two batches share 100 invoices
	invs := importOverdue(t, desktops[0], n)
	const steps = 2
	for round := range steps {
		plans := [][]core.Invoice{readInvoices(t, desktops[0], n)[:core.MaxBatch], readInvoices(t, desktops[1], n)[n-core.MaxBatch:]}
		results := make([]error, 2)
		var wg sync.WaitGroup
		for d := range desktops {
			wg.Go(func() {
				key := fmt.Sprintf("round %d, desktop %d", round, d+1)
				_, results[d] = desktops[d].CreateBatch(ctx, newBatch(key, core.ReminderManual), stepReminders(plans[d]))
			})
		}
		wg.Wait()
		var refused []int
		for d, err := range results {
			if err != nil {
				wantCode(t, err, core.ECONFLICT)
				if ce := core.AsError(err); ce.Message != msgPGRemindedMeanwhile {
					t.Fatalf("desktop %d: %v, want the refusal of a batch planned before another desktop's", d+1, err)
				}
				refused = append(refused, d)
			}
		}
		if len(refused) != 1 {
			t.Fatalf("step %d: desktops refused: %v; want one of the two overlapping batches refused", round+1, refused)
		}
		// The refused desktop plans again, from the book: the invoices not yet at this step.
		var rest []core.Invoice
		for _, inv := range readInvoices(t, desktops[refused[0]], n) {
			if inv.ReminderCount == round {
				rest = append(rest, inv)
			}
		}
		if _, err := desktops[refused[0]].CreateBatch(ctx, newBatch(fmt.Sprintf("round %d again", round), core.ReminderManual),
			stepReminders(rest)); err != nil {
			t.Fatalf("the batch planned again: %v", err)
		}
	}
	checkEachInvoiceRemindedOnce(t, desktops[0], n, steps)

	// One more batch under one key from both desktops at once.
	extra := importMore(t, desktops[0], len(invs), 50)
	rs := stepReminders(extra)
	results := make([]core.BatchResult, 2)
	errs := make([]error, 2)
	var wg sync.WaitGroup
	for d := range desktops {
		wg.Go(func() {
			results[d], errs[d] = desktops[d].CreateBatch(ctx, newBatch("the same key", core.ReminderManual), rs)
		})
	}
	wg.Wait()
	if errs[0] != nil || errs[1] != nil || results[0].Batch.ID != results[1].Batch.ID ||
		results[0].Replayed == results[1].Replayed || len(results[0].Reminders) != 50 || len(results[1].Reminders) != 50 {
		t.Fatalf("one key from two desktops: %v / %v, batches %d / %d, replayed %v / %v",
			errs[0], errs[1], results[0].Batch.ID, results[1].Batch.ID, results[0].Replayed, results[1].Replayed)
	}
	checkEachInvoiceRemindedOnce(t, desktops[1], n, steps) // the first 300 as they were
	var once int
	if err := desktops[1].db.QueryRow(`SELECT count(*) FROM invoices WHERE id > ? AND reminder_count = 1 AND plan_step = 1`, n).
		Scan(&once); err != nil || once != 50 {
		t.Errorf("%d of the 50 invoices of the shared key reminded once (%v)", once, err)
	}

	// A batch over the cap is refused on the server too, writing nothing.
	more := importMore(t, desktops[0], n+50, core.MaxBatch+1)
	_, err := desktops[1].CreateBatch(ctx, newBatch("too many", core.ReminderManual), stepReminders(more))
	wantCode(t, err, core.EINVALID)
	if _, err := desktops[0].BatchByKey(ctx, "too many"); core.ErrorCodeOf(err) != core.ENOTFOUND {
		t.Errorf("a batch over the cap was written: %v", err)
	}
	var reminders int
	if err := desktops[0].db.QueryRow(`SELECT count(*) FROM reminders`).Scan(&reminders); err != nil || reminders != n*steps+50 {
		t.Errorf("%d reminders after the batch over the cap (%v), want %d", reminders, err, n*steps+50)
	}
}

// importMore imports k more overdue invoices after the first have ones, and returns
// them as the book holds them.
func importMore(tb testing.TB, s core.Store, have, k int) []core.Invoice {
	tb.Helper()
	invs := make([]core.ImportInvoice, k)
	for i := range invs {
		due := today.AddDays(-15)
		invs[i] = core.ImportInvoice{CustomerNumber: "K1", Invoice: core.Invoice{
			Number: fmt.Sprintf("F%05d", have+i+1), InvoiceDate: due.AddDays(-30), DueDate: due,
			Total: core.FromOre(5000), Currency: core.Currency}}
	}
	if _, err := s.Import(ctx, nil, invs); err != nil {
		tb.Fatalf("Import: %v", err)
	}
	return readInvoices(tb, s, have+k)[have:]
}

// A server that goes away in the middle of a batch — its session ended from another
// connection (pg_terminate_backend, as a restart or a crash ends it) after the batch
// and its reminders are written and while it waits to update the sums — leaves
// nothing of the batch: no batch, no reminder, the invoices and sums as they were.
// The desktop is told so in words (EUNAVAILABLE, the lost batch's message) and sends
// the batch again under its key once the server answers, which writes it once.
func TestAServerGoneMidBatchKeepsNothingAndTheBatchIsSentAgain(t *testing.T) {
	desktops := openDesktops(t, 2)
	s, other := desktops[0], desktops[1]
	invs := importOverdue(t, s, 20)
	rs := stepReminders(invs)
	// Another desktop holds a row of invoice_sums the batch must update, so the batch
	// stops there, after writing its batch and reminders.
	hold, err := other.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer hold.Rollback()
	if _, err := hold.Exec(`SELECT n FROM invoice_sums WHERE due_date = ? FOR UPDATE`, dateText(invs[0].DueDate)); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := s.CreateBatch(ctx, newBatch("mid-batch", core.ReminderManual), rs)
		done <- err
	}()
	var pid int
	for range 500 { // until the batch waits on the held row, at most ~5 s
		err := other.db.QueryRow(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()
			AND wait_event_type = 'Lock' AND query LIKE '%invoice_sums%'`).Scan(&pid)
		if err == nil {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if pid == 0 {
		t.Fatal("the batch never waited on the held row")
	}
	if _, err := other.db.Exec(`SELECT pg_terminate_backend(?)`, pid); err != nil {
		t.Fatal(err)
	}
	err = <-done
	hold.Rollback()
	wantCode(t, err, core.EUNAVAILABLE)
	if ce := core.AsError(err); ce.Message != msgPGBatchLost {
		t.Errorf("the lost batch says %q, want msgPGBatchLost", ce.Message)
	}
	var batches, reminders, reminded int
	if err := other.db.QueryRow(`SELECT (SELECT count(*) FROM reminder_batches), (SELECT count(*) FROM reminders),
		(SELECT count(*) FROM invoices WHERE reminder_count > 0)`).Scan(&batches, &reminders, &reminded); err != nil {
		t.Fatal(err)
	}
	if batches != 0 || reminders != 0 || reminded != 0 {
		t.Errorf("the lost batch left %d batches, %d reminders, %d invoices reminded", batches, reminders, reminded)
	}
	checkPlanSums(t, other, "the lost batch")

	res, err := s.CreateBatch(ctx, newBatch("mid-batch", core.ReminderManual), rs)
	if err != nil || res.Replayed || len(res.Reminders) != len(rs) {
		t.Fatalf("sent again: %v, replayed %v, %d reminders", err, res.Replayed, len(res.Reminders))
	}
	if again, err := other.CreateBatch(ctx, newBatch("mid-batch", core.ReminderManual), rs); err != nil || !again.Replayed {
		t.Fatalf("the key once more: %v, replayed %v", err, again.Replayed)
	}
	checkEachInvoiceRemindedOnce(t, other, len(invs), 1)
}

// Ten desktops, each with connections of its own, send a batch of 200 reminders at
// the same moment, each for invoices of its own: every batch is written, no reminder
// is lost or doubled, and the sums are right. (The wall time and the slowest batch
// are measured by BenchmarkPGTenDesktopsSend200AtOnce at 100,000 invoices; this
// test logs them for its small book.)
func TestTenDesktopsSendingTwoHundredEachAtOnceLoseNoneAndDoubleNone(t *testing.T) {
	const n = 10
	desktops := openDesktops(t, n)
	invs := importOverdue(t, desktops[0], n*core.MaxBatch)
	wall, slowest, errs := sendAtOnce(desktops, func(d int) (core.Batch, []core.Reminder) {
		return newBatch(fmt.Sprintf("desktop %d", d+1), core.ReminderManual),
			stepReminders(invs[d*core.MaxBatch : (d+1)*core.MaxBatch])
	})
	for d, err := range errs {
		if err != nil {
			t.Errorf("desktop %d: %v", d+1, err)
		}
	}
	t.Logf("%d desktops × %d reminders at once: wall %v, slowest batch %v", n, core.MaxBatch, wall, slowest)
	checkEachInvoiceRemindedOnce(t, desktops[0], n*core.MaxBatch, 1)
	var batches int
	if err := desktops[0].db.QueryRow(`SELECT count(*) FROM reminder_batches WHERE count = ?`, core.MaxBatch).Scan(&batches); err != nil || batches != n {
		t.Errorf("%d batches of %d (%v), want %d", batches, core.MaxBatch, err, n)
	}
}

// sendAtOnce has each desktop send the batch plan gives it, all released at the same
// moment, and returns the wall time from the release to the last batch's end, the
// slowest batch's own time, and each desktop's error.
func sendAtOnce(desktops []*PGStore, plan func(d int) (core.Batch, []core.Reminder)) (wall, slowest time.Duration, errs []error) {
	errs = make([]error, len(desktops))
	took := make([]time.Duration, len(desktops))
	start := make(chan struct{})
	var ready, wg sync.WaitGroup
	for d := range desktops {
		b, rs := plan(d)
		ready.Add(1)
		wg.Go(func() {
			ready.Done()
			<-start
			t0 := time.Now()
			_, errs[d] = desktops[d].CreateBatch(ctx, b, rs)
			took[d] = time.Since(t0)
		})
	}
	ready.Wait()
	t0 := time.Now()
	close(start)
	wg.Wait()
	wall = time.Since(t0)
	for _, d := range took {
		slowest = max(slowest, d)
	}
	return wall, slowest, errs
}
