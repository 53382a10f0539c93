//go:build unix

package core_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"

	"paminn/core"
	"paminn/data"
)

// These tests kill a real child process with SIGKILL: the test binary runs itself
// again with PAMINN_CRASH_CHILD naming what the child does (see TestHelperProcess).

// TestHelperProcess is not a test: it is the child process of the crash tests.
func TestHelperProcess(t *testing.T) {
	var err error
	switch os.Getenv("PAMINN_CRASH_CHILD") {
	case "":
		t.Skip("run as a child process by the crash tests")
	case "batches":
		err = childSendBatches()
	case "deliver":
		err = childDeliver()
	default:
		err = fmt.Errorf("unknown child %q", os.Getenv("PAMINN_CRASH_CHILD"))
	}
	if err != nil {
		fmt.Println("error:", err)
		os.Exit(1)
	}
	fmt.Println("done")
	os.Exit(0)
}

// child is a running child process of the test binary.
type child struct {
	cmd  *exec.Cmd
	out  *bufio.Reader
	done chan struct{} // closed when the process has ended
	err  error         // its exit, valid once done is closed
}

// startChild runs TestHelperProcess as what (see the switch there) with env, and
// waits until it says "ready".
func startChild(t *testing.T, what string, env ...string) *child {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^TestHelperProcess$")
	cmd.Env = append(append(os.Environ(), "PAMINN_CRASH_CHILD="+what), env...)
	cmd.Stderr = os.Stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, out: bufio.NewReader(stdout), done: make(chan struct{})}
	t.Cleanup(c.kill)
	if line := c.line(); line != "ready" {
		t.Fatalf("child %s: %q, want ready", what, line)
	}
	go func() {
		// The pipe must be drained before Wait; what is left is "done" or an error.
		rest, _ := io.ReadAll(c.out)
		c.err = cmd.Wait()
		if c.err == nil && !strings.Contains(string(rest), "done") {
			c.err = fmt.Errorf("the child ended without saying done: %s", rest)
		} else if c.err != nil {
			c.err = fmt.Errorf("%w: %s", c.err, strings.TrimSpace(string(rest)))
		}
		close(c.done)
	}()
	return c
}

// line reads one line the child printed.
func (c *child) line() string {
	s, _ := c.out.ReadString('\n')
	return strings.TrimSpace(s)
}

// kill ends the child with SIGKILL, if it still runs, and waits until it is gone.
func (c *child) kill() {
	_ = c.cmd.Process.Kill() // fails only when the process has already ended
	<-c.done
}

// wait waits for the child to finish by itself and fails the test if it failed.
func (c *child) wait(t *testing.T) {
	t.Helper()
	select {
	case <-c.done:
	case <-time.After(60 * time.Second):
		c.kill()
		t.Fatal("the child did not finish within a minute")
	}
	if c.err != nil {
		t.Fatalf("child: %v", c.err)
	}
}

// quietLog keeps a child's log out of the test output.
var quietLog = slog.New(slog.NewTextHandler(io.Discard, nil))

// ready tells the parent the child has opened the book and starts now.
func ready() { fmt.Println("ready") }

// checkIntegrity runs PRAGMA integrity_check (after Påminn has opened and closed the
// book once, as the next start of the program would).
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	s, err := data.Open(path)
	if err != nil {
		t.Fatalf("reopening the book after the kill: %v", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	var result string
	if err := openRaw(t, path).QueryRow(`PRAGMA integrity_check`).Scan(&result); err != nil || result != "ok" {
		t.Fatalf("integrity_check = %q (%v)", result, err)
	}
}

const (
	crashBatches   = 3 // batches of core.MaxBatch invoices the batch child sends
	crashRounds    = 4 // kills, spread over a run
	crashBatchSize = core.MaxBatch
)

// childSendBatches sends crashBatches batches of 200 invoices (IDs 1, 2, …), each
// under its own fixed key, as a user pressing Send again and again would.
func childSendBatches() error {
	store, err := data.Open(os.Getenv("PAMINN_BOOK"))
	if err != nil {
		return err
	}
	defer store.Close()
	svc := core.NewService(store, core.Options{Logger: quietLog})
	ctx := context.Background()
	ready()
	for b := 0; b < crashBatches; b++ {
		ids := make([]int64, crashBatchSize)
		for i := range ids {
			ids[i] = int64(b*crashBatchSize + i + 1)
		}
		_, err := svc.SendReminders(ctx, core.ReminderRequest{Type: core.ReminderManual, InvoiceIDs: ids,
			ChargeFee: true, IdempotencyKey: "batch-" + strconv.Itoa(b)})
		if err != nil {
			return err
		}
	}
	return nil
}

// batchTemplate writes a closed book with crashBatches × 200 overdue invoices,
// numbered as their IDs, to copy for each round.
func batchTemplate(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "template.db")
	store, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := core.Customer{Number: "K1", Name: "Bygg & Fog AB", IDNumber: "556036-0793", IsCompany: true, FeeAgreed: true,
		Address: core.Address{Line1: "Storgatan 1", ZipCode: "411 38", City: "Göteborg", Country: "SE"}}
	due := core.Today(core.SystemClock{}).AddDays(-20)
	invs := make([]core.ImportInvoice, crashBatches*crashBatchSize)
	for i := range invs {
		invs[i] = core.ImportInvoice{CustomerNumber: "K1", Invoice: core.Invoice{Number: strconv.Itoa(i + 1),
			InvoiceDate: due.AddDays(-30), DueDate: due, Currency: core.Currency, Total: decimal.NewFromInt(1000)}}
	}
	if _, err := store.Import(ctx, []core.Customer{c}, invs); err != nil {
		t.Fatal(err)
	}
	setUpCompany(t, store)
	last, err := store.Invoice(ctx, int64(len(invs)))
	if err != nil || last.Number != strconv.Itoa(len(invs)) {
		t.Fatalf("invoice IDs do not follow the numbers: %+v %v", last, err)
	}
	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// checkWholeBatches checks that every batch in the book is whole — 200 reminders, its
// invoices each reminded once — and that no invoice was reminded outside one; it
// returns the number of batches.
func checkWholeBatches(t *testing.T, path string) int {
	t.Helper()
	db := openRaw(t, path)
	var batches, short, reminders, reminded, twice, orphans int
	err := db.QueryRow(`SELECT
		(SELECT count(*) FROM reminder_batches),
		(SELECT count(*) FROM reminder_batches b WHERE b.count != ?1
			OR (SELECT count(*) FROM reminders r WHERE r.batch_id = b.id) != ?1),
		(SELECT count(*) FROM reminders),
		(SELECT count(*) FROM invoices WHERE reminder_count = 1),
		(SELECT count(*) FROM invoices WHERE reminder_count > 1),
		(SELECT count(*) FROM invoices i WHERE (i.reminder_count > 0) !=
			EXISTS (SELECT 1 FROM reminders r WHERE r.invoice_id = i.id))`, crashBatchSize).
		Scan(&batches, &short, &reminders, &reminded, &twice, &orphans)
	if err != nil {
		t.Fatal(err)
	}
	if short != 0 || reminders != batches*crashBatchSize || reminded != reminders || twice != 0 || orphans != 0 {
		t.Fatalf("%d batches (%d not whole), %d reminders, %d invoices reminded once, %d more than once, "+
			"%d whose count disagrees with their reminders", batches, short, reminders, reminded, twice, orphans)
	}
	return batches
}

func TestAKillDuringABatchLeavesTheWholeBatchOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	template := batchTemplate(t)

	// One undisturbed run says how long the batches take, so the kills land inside.
	path := filepath.Join(t.TempDir(), "book.db")
	copyFile(t, template, path)
	c := startChild(t, "batches", "PAMINN_BOOK="+path)
	start := time.Now()
	c.wait(t)
	span := time.Since(start)
	if n := checkWholeBatches(t, path); n != crashBatches {
		t.Fatalf("an undisturbed run made %d batches, want %d", n, crashBatches)
	}

	for round := 0; round < crashRounds; round++ {
		// Spread over the run, and off any rhythm of the batches.
		delay := span*time.Duration(2*round+1)/(2*crashRounds) + time.Duration(rand.Int64N(int64(span/20)))
		path := filepath.Join(t.TempDir(), "book.db")
		copyFile(t, template, path)
		c := startChild(t, "batches", "PAMINN_BOOK="+path)
		time.Sleep(delay)
		c.kill()

		checkIntegrity(t, path)
		n := checkWholeBatches(t, path)
		t.Logf("killed after %v of %v: %d whole batches", delay.Round(time.Millisecond), span.Round(time.Millisecond), n)
		if round < crashRounds-1 {
			continue
		}
		// Started again, with the same keys (the user pressing Send once more), it
		// completes the work and creates each batch once.
		startChild(t, "batches", "PAMINN_BOOK="+path).wait(t)
		if n := checkWholeBatches(t, path); n != crashBatches {
			t.Fatalf("after a restart: %d batches, want %d", n, crashBatches)
		}
	}
}
