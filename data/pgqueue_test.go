package data

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"paminn/core"
)

// Several desktops on one queue (issue 24): each a PGStore of its own on one book
// (openDesktops), with its own connections, as two programs on two computers have.

// claimCounts counts how often each row was claimed, by any desktop.
type claimCounts struct {
	sync.Mutex
	n map[int64]int
}

func (c *claimCounts) add(id int64) {
	c.Lock()
	defer c.Unlock()
	if c.n == nil {
		c.n = map[int64]int{}
	}
	c.n[id]++
}

// Six desktops work the reports to Amili at once, each claiming a few at a time as
// the Service does (rows sending when its pass starts counted stale) and taking a
// moment over each: every report is claimed once and sent once.
func TestDesktopsWorkingTheReportsAtOnceSendEachOnce(t *testing.T) {
	desktops := openDesktopsOnANewBook(t, 6)
	reportsBook(t, desktops[0], 47)
	var claimed claimCounts
	var wg sync.WaitGroup
	errs := make(chan error, len(desktops))
	for _, s := range desktops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				now := time.Now()
				rs, err := s.ClaimAmiliReports(ctx, now, now, 3)
				if err != nil || len(rs) == 0 {
					errs <- err
					return
				}
				for _, r := range rs {
					claimed.add(r.ID)
					time.Sleep(time.Millisecond) // sending
					if err := s.FinishAmiliReport(ctx, core.AmiliReportOutcome{ReportID: r.ID, State: core.DeliverySent, At: time.Now()}); err != nil {
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	rs, err := desktops[1].AmiliReports(ctx)
	if err != nil || len(rs) != 48 {
		t.Fatalf("%d reports (%v), want 48", len(rs), err)
	}
	for _, r := range rs {
		if claimed.n[r.ID] != 1 || r.State != core.DeliverySent || r.Attempts != 1 {
			t.Errorf("report %d claimed %d times, %s after %d attempts; want once, sent, one", r.ID, claimed.n[r.ID], r.State, r.Attempts)
		}
	}
}

// A desktop whose connection to the server dies while it is sending: the others
// leave its reports alone while it lives, however long it takes, and take them back
// as uncertain once the server has ended its session.
func TestADeadDesktopsReportsComeBackUncertain(t *testing.T) {
	desktops := openDesktopsOnANewBook(t, 2)
	a, b := desktops[0], desktops[1]
	reportsBook(t, a, 2)
	mine, _ := reportIDs(t, a, at("12:01"), at("12:01"), 2)
	if len(mine) != 2 {
		t.Fatalf("a claimed %v", mine)
	}
	later := at("23:00") // long after: a is still sending
	if ids, _ := reportIDs(t, b, later, later, 10); len(ids) != 1 {
		t.Fatalf("b claimed %v, want the one report a did not claim", ids)
	}
	var pid int
	if err := a.lease.conn.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		t.Fatal(err)
	}
	if _, err := pgAdmin(t).Exec(`SELECT pg_terminate_backend($1, 5000)`, pid); err != nil {
		t.Fatal(err)
	}
	ids, rs := reportIDs(t, b, later, later, 10)
	if len(ids) != 2 || ids[0] != mine[0] || ids[1] != mine[1] {
		t.Fatalf("after a's session ended, b claimed %v, want a's %v", ids, mine)
	}
	for _, r := range rs {
		if !r.Uncertain || r.Attempts != 2 {
			t.Errorf("report %d taken back: uncertain %v, attempts %d; want uncertain, 2", r.ID, r.Uncertain, r.Attempts)
		}
	}
	// a lives on: its late outcome is recorded, and its next claim works.
	if err := a.FinishAmiliReport(ctx, core.AmiliReportOutcome{ReportID: mine[0], State: core.DeliverySent, At: later}); err != nil {
		t.Fatal(err)
	}
	if ids, _ := reportIDs(t, a, later, later, 10); len(ids) != 0 {
		t.Errorf("a claimed %v of b's", ids)
	}
}

// TestHelperClaimsAndIsKilled is not a test: run as a child process by the test
// below, it claims up to PAMINN_CLAIM_LIMIT deliveries (or reports) on the book at
// PAMINN_CLAIM_BOOK, prints their IDs and waits to be killed mid-delivery.
func TestHelperClaimsAndIsKilled(t *testing.T) {
	address := os.Getenv("PAMINN_CLAIM_BOOK")
	if address == "" {
		t.Skip("run as a child process by the kill tests")
	}
	s, err := OpenPostgres(ctx, address)
	if err != nil {
		os.Stdout.WriteString("error: " + err.Error() + "\n")
		os.Exit(1)
	}
	limit, _ := strconv.Atoi(os.Getenv("PAMINN_CLAIM_LIMIT"))
	var ids []string
	if os.Getenv("PAMINN_CLAIM_KIND") == "reports" {
		rs, err := s.ClaimAmiliReports(ctx, at("12:01"), at("12:01"), limit)
		if err != nil {
			os.Stdout.WriteString("error: " + err.Error() + "\n")
			os.Exit(1)
		}
		for _, r := range rs {
			ids = append(ids, strconv.FormatInt(r.ID, 10))
		}
	} else {
		ds, err := s.ClaimDeliveries(ctx, at("10:01"), at("10:01"), limit, nil)
		if err != nil {
			os.Stdout.WriteString("error: " + err.Error() + "\n")
			os.Exit(1)
		}
		for _, d := range ds {
			ids = append(ids, strconv.FormatInt(d.Reminder.ID, 10))
		}
	}
	os.Stdout.WriteString("claimed " + strings.Join(ids, " ") + "\n")
	time.Sleep(time.Hour) // until killed
}

// claimInChild runs TestHelperClaimsAndIsKilled on the book at address and returns
// the IDs it claimed, once it has claimed them, and a function that kills it.
func claimInChild(t *testing.T, address, kind string, limit int) ([]int64, func()) {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := exec.Command(exe, "-test.run=^TestHelperClaimsAndIsKilled$")
	child.Env = append(os.Environ(), "PAMINN_CLAIM_BOOK="+address, "PAMINN_CLAIM_KIND="+kind,
		"PAMINN_CLAIM_LIMIT="+strconv.Itoa(limit))
	out, err := child.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	kill := func() {
		_ = child.Process.Kill()
		_ = child.Wait()
	}
	t.Cleanup(kill)
	line, err := bufio.NewReader(out).ReadString('\n')
	fields := strings.Fields(line)
	if len(fields) == 0 || fields[0] != "claimed" {
		t.Fatalf("the child did not claim: %q %v", line, err)
	}
	var ids []int64
	for _, f := range fields[1:] {
		id, _ := strconv.ParseInt(f, 10, 64)
		ids = append(ids, id)
	}
	return ids, kill
}

// untilClaimed claims until claim returns something, for at most five seconds: the
// server ends a killed program's session as soon as it sees the connection closed,
// a moment after the kill.
func untilClaimed[T any](t *testing.T, claim func() []T) []T {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		if got := claim(); len(got) > 0 || time.Now().After(deadline) {
			return got
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A program killed while it sends reports to Amili: its reports stay its own while
// it runs and come back, uncertain, to the next desktop's claim once it is gone.
func TestAKilledProgramsReportsComeBackUncertain(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	address := newPGBook(t)
	s, err := OpenPostgres(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	reportsBook(t, s, 1)
	mine, kill := claimInChild(t, address, "reports", 10)
	if len(mine) != 2 {
		t.Fatalf("the child claimed %v", mine)
	}
	later := at("23:00")
	if ids, _ := reportIDs(t, s, later, later, 10); len(ids) != 0 {
		t.Fatalf("claimed %v while the child sends them", ids)
	}
	kill()
	rs := untilClaimed(t, func() []core.AmiliReport { _, rs := reportIDs(t, s, later, later, 10); return rs })
	if len(rs) != 2 || rs[0].ID != mine[0] || rs[1].ID != mine[1] {
		t.Fatalf("after the kill, claimed %+v, want %v", rs, mine)
	}
	for _, r := range rs {
		if !r.Uncertain || r.Attempts != 2 {
			t.Errorf("report %d taken back: uncertain %v, attempts %d; want uncertain, 2", r.ID, r.Uncertain, r.Attempts)
		}
	}
}

// Six desktops work the delivery queue at once, as the Service does (rows sending
// when a pass starts counted stale), each claiming a few at a time and taking a
// moment over each letter: every reminder is claimed once and sent once, and a
// letter several reminders share goes whole to one desktop.
func TestDesktopsWorkingTheQueueAtOnceSendEachLetterOnceAndWhole(t *testing.T) {
	desktops := openDesktopsOnANewBook(t, 6)
	perCustomer := make([]int, 24)
	for i := range perCustomer {
		perCustomer[i] = 1 + i%3
	}
	rs, groups := letterBook(t, desktops[0], perCustomer...)
	var claimed claimCounts
	var wg sync.WaitGroup
	errs := make(chan error, len(desktops))
	for _, s := range desktops {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs <- workTheQueue(s, groups, &claimed)
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	got, err := desktops[1].BatchReminders(ctx, rs[0].BatchID)
	if err != nil || len(got) != len(rs) {
		t.Fatalf("%d reminders (%v), want %d", len(got), err, len(rs))
	}
	for _, r := range got {
		if claimed.n[r.ID] != 1 || r.State != core.DeliverySent || r.Attempts != 1 {
			t.Errorf("reminder %d claimed %d times, %s after %d attempts; want once, sent, one", r.ID, claimed.n[r.ID], r.State, r.Attempts)
		}
	}
}

// workTheQueue claims and sends until nothing is due, as one desktop's passes do,
// and fails when a claim holds part of a letter.
func workTheQueue(s *PGStore, groups map[int64][]int64, claimed *claimCounts) error {
	for {
		now := time.Now()
		ds, err := s.ClaimDeliveries(ctx, now, now, 3, nil)
		if err != nil || len(ds) == 0 {
			return err
		}
		letters := map[int64][]core.DeliveryOutcome{}
		for _, d := range ds {
			claimed.add(d.Reminder.ID)
			o := core.DeliveryOutcome{ReminderID: d.Reminder.ID, State: core.DeliverySent, At: time.Now()}
			letters[d.Reminder.Group] = append(letters[d.Reminder.Group], o)
		}
		for group, outcomes := range letters {
			time.Sleep(time.Millisecond) // sending
			if group == 0 {
				for _, o := range outcomes {
					if err := s.FinishDelivery(ctx, o); err != nil {
						return err
					}
				}
				continue
			}
			if len(outcomes) != len(groups[group]) {
				return fmt.Errorf("a claim holds %d of letter %d's %d reminders", len(outcomes), group, len(groups[group]))
			}
			if err := s.FinishDeliveries(ctx, outcomes); err != nil {
				return err
			}
		}
	}
}

// A program killed while it sends letters: they stay its own while it runs and
// come back, uncertain and whole, to the next desktop's claim once it is gone.
func TestAKilledProgramsLettersComeBackUncertainAndWhole(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	address := newPGBook(t)
	s, err := OpenPostgres(ctx, address)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, groups := letterBook(t, s, 2, 3)
	mine, kill := claimInChild(t, address, "deliveries", 1)
	if !slices.Equal(mine, groups[1]) {
		t.Fatalf("the child claimed %v, want the first letter %v", mine, groups[1])
	}
	later := at("23:00")
	if ids, _ := claimIDs(t, s, later, later, 10); !slices.Equal(ids, groups[2]) {
		t.Fatalf("claimed %v while the child sends its letter, want the other letter %v", ids, groups[2])
	}
	kill()
	ds := untilClaimed(t, func() []core.Delivery { _, ds := claimIDs(t, s, later, later, 1); return ds })
	var ids []int64
	for _, d := range ds {
		ids = append(ids, d.Reminder.ID)
		if !d.Uncertain || d.Reminder.Attempts != 2 {
			t.Errorf("reminder %d taken back: uncertain %v, attempts %d; want uncertain, 2", d.Reminder.ID, d.Uncertain, d.Reminder.Attempts)
		}
	}
	if !slices.Equal(ids, mine) {
		t.Errorf("after the kill, claimed %v, want the child's letter %v whole", ids, mine)
	}
}

// A retry by hand that meets a claim of the same reminder on another desktop waits
// for it and then refuses: the reminder is being sent, and putting it back in the
// queue would send it twice.
func TestARetryThatMeetsAClaimWaitsAndRefuses(t *testing.T) {
	desktops := openDesktopsOnANewBook(t, 1)
	s := desktops[0]
	rs := queueBook(t, s)
	id := rs[0].ID
	claimIDs(t, s, at("10:01"), at("09:00"), 1)
	if err := s.FinishDelivery(ctx, core.DeliveryOutcome{ReminderID: id, State: core.DeliveryFailed, Error: "Disk full",
		NextAttempt: at("10:30"), At: at("10:02")}); err != nil {
		t.Fatal(err)
	}
	// Another desktop's claim, caught between picking the row and marking it.
	other, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Rollback()
	if _, err := other.ExecContext(ctx, `SELECT id FROM reminders WHERE id = ? FOR UPDATE SKIP LOCKED`, id); err != nil {
		t.Fatal(err)
	}
	retried := make(chan error, 1)
	go func() { retried <- s.RetryReminder(ctx, id, at("10:05")) }()
	waitForLockWait(t, s)
	if _, err := other.ExecContext(ctx, `UPDATE reminders SET state = 'sending', claimed_at = ?, attempts = attempts + 1 WHERE id = ?`,
		instantText(at("10:05")), id); err != nil {
		t.Fatal(err)
	}
	if err := other.Commit(); err != nil {
		t.Fatal(err)
	}
	wantCode(t, <-retried, core.ECONFLICT)
	got, err := s.BatchReminders(ctx, rs[0].BatchID)
	if err != nil || got[0].State != core.DeliverySending {
		t.Errorf("the reminder is %s (%v), want still sending", got[0].State, err)
	}
}

// waitForLockWait waits until a session on s's database waits for a lock.
func waitForLockWait(t *testing.T, s *PGStore) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		var n int
		err := pgAdmin(t).QueryRow(`SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'`,
			s.database).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatal("no session waits for a lock")
}
