package data

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"paminn/core"
	"paminn/data/letter"
	"paminn/data/secret"
)

// syncBuffer is a log's text, written from the delivery loop's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (w *syncBuffer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

func (w *syncBuffer) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.String()
}

// The Service's delivery loop on a server book (issue 24): it writes the letters
// queued there, a shared one whole, and logs no refusal on any of its rounds.
func TestTheDeliveryLoopOnAServerBookSendsAndLogsNoRefusal(t *testing.T) {
	s := mustOpenPG(t)
	rs, _ := letterBook(t, s, 2, 1)
	var log syncBuffer
	svc := core.NewService(s, core.Options{LettersDir: t.TempDir(), Secrets: &secret.Memory{}, SharedBook: true,
		Logger:   slog.New(slog.NewTextHandler(&log, &slog.HandlerOptions{Level: slog.LevelInfo})),
		Channels: core.Channels{Letter: letter.New()}})
	loop, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		svc.RunDelivery(loop, 5*time.Millisecond)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for sent := 0; sent < len(rs) && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		got, err := s.BatchReminders(ctx, rs[0].BatchID)
		if err != nil {
			t.Fatal(err)
		}
		sent = 0
		for _, r := range got {
			if r.State == core.DeliverySent {
				sent++
			}
		}
	}
	time.Sleep(30 * time.Millisecond) // a few rounds more, with nothing to send
	stop()
	<-done
	got, _ := s.BatchReminders(ctx, rs[0].BatchID)
	for _, r := range got {
		if r.State != core.DeliverySent || r.ExternalRef == "" {
			t.Errorf("reminder %d is %s (%q), want sent", r.ID, r.State, r.ExternalRef)
		}
	}
	if text := log.String(); strings.Contains(text, "level=WARN") || strings.Contains(text, "level=ERROR") {
		t.Errorf("the delivery loop logged:\n%s", text)
	}
}
