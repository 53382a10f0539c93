package core

import (
	"log/slog"
	"sync"
	"time"
)

// Service is the one thing the GUI calls: it applies Påminn's rules over a Store and
// delivers reminders through the Channels.
type Service struct {
	store    Store
	clock    Clock
	channels Channels
	secrets  Secrets
	log      *slog.Logger
	// bankFiles parses the bank files of incoming payments.
	bankFiles BankFileReader
	// sheets reads Excel workbooks for imports; nil: CSV only.
	sheets SpreadsheetReader
	// sie writes bookkeeping exports; nil: not available.
	sie SIEWriter

	defaultLettersDir string

	deliverMu sync.Mutex    // one pass over the queue at a time
	wake      chan struct{} // nudges the background delivery loop

	listenMu  sync.Mutex
	listeners []listener
	listenSeq int

	amiliSyncMu sync.Mutex
	amiliSynced time.Time // when Amili was last asked about the cases

	shared bool // the book is shared with other desktops (Options.SharedBook)
}

// Options configure a Service; zero fields take sensible defaults.
type Options struct {
	Clock    Clock        // default SystemClock
	Channels Channels     // nil channels leave deliveries queued
	Secrets  Secrets      // default: none (passwords cannot be stored)
	Logger   *slog.Logger // default slog.Default()
	// BankFiles reads BGMax and camt.054 files (data/bankfile); nil: not available.
	BankFiles BankFileReader
	// Spreadsheets reads Excel workbooks for imports (data/xlsx); nil: CSV only.
	Spreadsheets SpreadsheetReader
	// LettersDir is where letters go when the settings name no folder.
	LettersDir string
	// SIE writes bookkeeping exports (data/sie); nil: the export is not available.
	SIE SIEWriter
	// SharedBook says the book is on a server that other desktops work on at once:
	// what this desktop lacks a secret for is left in the queue for them
	// (sharedqueue.go).
	SharedBook bool
}

// NewService builds a Service over store.
func NewService(store Store, opt Options) *Service {
	if opt.Clock == nil {
		opt.Clock = SystemClock{}
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	return &Service{store: store, clock: opt.Clock, channels: opt.Channels, secrets: opt.Secrets,
		log: opt.Logger, bankFiles: opt.BankFiles, sheets: opt.Spreadsheets, wake: make(chan struct{}, 1), defaultLettersDir: opt.LettersDir,
		sie: opt.SIE, shared: opt.SharedBook}
}

// Today is the service's current calendar date.
func (s *Service) Today() Date { return Today(s.clock) }

// OnChange registers f to be called (from a background goroutine) after every
// successful change through the service — customers, invoices, payments, reminders,
// deliveries, Amili states, settings, reference rates and secrets — so views can
// refresh; a failed change calls nothing. The returned function unregisters f, for a view that closes.
func (s *Service) OnChange(f func()) (stop func()) {
	s.listenMu.Lock()
	defer s.listenMu.Unlock()
	s.listenSeq++
	id := s.listenSeq
	s.listeners = append(s.listeners, listener{id: id, f: f})
	return func() {
		s.listenMu.Lock()
		defer s.listenMu.Unlock()
		for i, l := range s.listeners {
			if l.id == id {
				s.listeners = append(s.listeners[:i:i], s.listeners[i+1:]...)
				return
			}
		}
	}
}

// listener is one OnChange registration.
type listener struct {
	id int
	f  func()
}

// changed is the one rule by which a change reaches OnChange's listeners: every
// method that changes the book, or the secrets and settings a view shows, calls it
// once its change has been written, and only then, so a change that failed tells no
// one and the GUI never needs a refresh of its own. what names the change in the
// debug log. TestEveryChangeNotifiesOnce holds every method to the rule.
func (s *Service) changed(what string) {
	s.log.Debug("changed", "what", what)
	s.listenMu.Lock()
	ls := append([]listener{}, s.listeners...)
	s.listenMu.Unlock()
	for _, l := range ls {
		l.f()
	}
}
