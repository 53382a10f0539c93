package data

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"paminn/core"
)

// desktop is one desktop on a shared book: its own store (connections) and service,
// following the others, with the times its views were told of a change.
type desktop struct {
	store *PGStore
	svc   *core.Service
	mu    sync.Mutex
	told  []time.Time
	ready chan struct{} // closed at the first call: listening has started
	once  sync.Once
}

func openDesktop(t *testing.T, ctx context.Context, address string) *desktop {
	t.Helper()
	s, err := OpenPostgres(ctx, address)
	if err != nil {
		t.Fatalf("OpenPostgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	d := &desktop{store: s, svc: core.NewService(s, core.Options{}), ready: make(chan struct{})}
	d.svc.OnChange(func() {
		d.mu.Lock()
		d.told = append(d.told, time.Now())
		d.mu.Unlock()
		d.once.Do(func() { close(d.ready) })
	})
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		d.svc.FollowOtherDesktops(ctx)
	}()
	t.Cleanup(func() {
		cancel()
		<-done
	})
	select {
	case <-d.ready:
	case <-time.After(10 * time.Second):
		t.Fatal("the desktop never started listening")
	}
	d.reset()
	return d
}

// reset forgets what the desktop was told.
func (d *desktop) reset() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.told = nil
}

// toldAfter waits up to within for the desktop to be told of a change, and returns
// how long after since that was, or false.
func (d *desktop) toldAfter(since time.Time, within time.Duration) (time.Duration, bool) {
	for deadline := time.Now().Add(within); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		d.mu.Lock()
		n := len(d.told)
		var at time.Time
		if n > 0 {
			at = d.told[0]
		}
		d.mu.Unlock()
		if n > 0 {
			return at.Sub(since), true
		}
	}
	return 0, false
}

// count is how many times the desktop was told of a change.
func (d *desktop) count() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.told)
}

func TestAChangeOnOneDesktopReachesTheOthersWithinASecond(t *testing.T) {
	address := newPGBook(t)
	ctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	anna, bertil := openDesktop(t, ctx, address), openDesktop(t, ctx, address)

	t.Run("a customer saved on one desktop is told to the other once, and the other reads it", func(t *testing.T) {
		start := time.Now()
		if _, err := anna.svc.SaveCustomer(ctx, core.Customer{Number: "K1", Name: "Kund Ett AB"}); err != nil {
			t.Fatalf("SaveCustomer: %v", err)
		}
		took, ok := bertil.toldAfter(start, 5*time.Second)
		if !ok {
			t.Fatal("the other desktop was never told")
		}
		if took > time.Second {
			t.Errorf("the other desktop was told after %v, want within a second", took)
		}
		t.Logf("told after %v", took)
		cs, err := bertil.svc.Customers(ctx)
		if err != nil || len(cs) != 1 || cs[0].Number != "K1" {
			t.Errorf("the other desktop reads %v, %v", cs, err)
		}
		time.Sleep(3 * pgCoalesce) // anything more would have come by now
		if n := bertil.count(); n != 1 {
			t.Errorf("the other desktop was told %d times, want once", n)
		}
		if n := anna.count(); n != 1 {
			t.Errorf("the desktop that saved was told %d times, want once (by its own service, not by the server)", n)
		}
	})
	anna.reset()
	bertil.reset()

	t.Run("a change that failed is told to no one", func(t *testing.T) {
		_, err := anna.svc.SaveCustomer(ctx, core.Customer{Number: "K1", Name: "Samma nummer AB"})
		if err == nil {
			t.Fatal("a second customer K1 was saved")
		}
		time.Sleep(3 * pgCoalesce)
		if n := bertil.count(); n != 0 {
			t.Errorf("the other desktop was told %d times of a change rolled back", n)
		}
	})

	t.Run("a burst of changes is told as one", func(t *testing.T) {
		bertil.reset()
		for _, n := range []string{"K2", "K3", "K4", "K5"} {
			if _, err := anna.svc.SaveCustomer(ctx, core.Customer{Number: n, Name: "Kund " + n}); err != nil {
				t.Fatal(err)
			}
		}
		if _, ok := bertil.toldAfter(time.Now(), 5*time.Second); !ok {
			t.Fatal("never told")
		}
		time.Sleep(3 * pgCoalesce)
		if n := bertil.count(); n > 2 {
			t.Errorf("four quick changes were told %d times", n)
		}
	})
}

func TestADesktopThatLostItsListeningConnectionListensAgainAndIsTold(t *testing.T) {
	old := pgRelisten
	pgRelisten = 20 * time.Millisecond
	t.Cleanup(func() { pgRelisten = old })
	address := newPGBook(t)
	ctx, cancel := context.WithCancel(ctx)
	t.Cleanup(cancel)
	anna, bertil := openDesktop(t, ctx, address), openDesktop(t, ctx, address)
	database := strings.TrimPrefix(mustURL(t, address).Path, "/")
	res, err := pgAdmin(t).Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
		WHERE datname = $1 AND query = 'LISTEN `+pgChangeChannel+`'`, database)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 2 {
		t.Fatalf("cut %d listening connections, want both desktops'", n)
	}
	// Listening again, the desktop is told once: changes may have been missed.
	if _, ok := bertil.toldAfter(time.Now(), 5*time.Second); !ok {
		t.Fatal("the desktop did not listen again")
	}
	time.Sleep(3 * pgCoalesce)
	bertil.reset()
	start := time.Now()
	if _, err := anna.svc.SaveCustomer(ctx, core.Customer{Number: "K1", Name: "Kund Ett AB"}); err != nil {
		t.Fatal(err)
	}
	if took, ok := bertil.toldAfter(start, 5*time.Second); !ok || took > time.Second {
		t.Errorf("told %v after %v, want within a second", ok, took)
	}
}
