// Command paminn is Påminn: an offline desktop program for chasing unpaid customer
// invoices with reminder letters, e-mail or Visma Amili.
//
// main only wires: flags, open the book, build the service, start the window.
package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/theme"

	"paminn/core"
	"paminn/data"
	"paminn/data/amili"
	"paminn/data/bankfile"
	"paminn/data/demo"
	"paminn/data/letter"
	"paminn/data/mail"
	"paminn/data/secret"
	"paminn/data/sie"
	"paminn/data/sie/command"
	"paminn/data/userdirs"
	"paminn/data/xlsx"
	"paminn/gui"
)

func main() {
	demoMode := flag.Bool("demo", false, "open the demo book (created on first run) with the local Amili sandbox")
	demoSize := flag.Int("demo-size", 0, "with --demo: build a demo book of this many invoices instead (e.g. 100000)")
	dbPath := flag.String("db", "", "the book to open: a file (default: paminn.db in the user's app data folder), or a\n"+
		"book on a PostgreSQL server as postgres://USER@HOST:PORT/DATABASE?sslmode=verify-full (no password:\n"+
		"it is asked for once and kept in the computer's password store)")
	flag.Usage = usage
	flag.Parse()
	if flag.Arg(0) == "export-sie" { // headless: no window opens
		path := *dbPath
		if path == "" {
			var err error
			if path, err = defaultBookPath(); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(command.ExitFailed)
			}
		}
		os.Exit(command.ExportSIE(context.Background(), path, flag.Args()[1:], os.Stdout, os.Stderr))
	}
	if flag.Arg(0) == "move-book" { // headless: no window opens; Ctrl+C stops it, writing nothing
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		code := command.MoveBook(ctx, flag.Args()[1:], os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	collectGarbageSooner()
	again, err := run(*demoMode, *demoSize, *dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, "paminn:", err)
		os.Exit(1)
	}
	if again != nil {
		if err := startAgain(again); err != nil {
			fmt.Fprintln(os.Stderr, "paminn:", err)
			os.Exit(1)
		}
	}
}

// usage prints how to start the program, with a window or to export to the books.
func usage() {
	out := flag.CommandLine.Output()
	fmt.Fprintln(out, "Usage: paminn [--demo] [--db BOOK]")
	fmt.Fprintln(out, "       paminn --db BOOK export-sie --from YYYY-MM-DD --to YYYY-MM-DD --out FILE")
	fmt.Fprintln(out, "       paminn move-book FROM TO   (a book file to an empty database on a server,")
	fmt.Fprintln(out, "                                   postgres://USER@HOST/DATABASE, or back to a new file)")
	flag.PrintDefaults()
}

// run opens the book and runs the window until it is closed. again, when not nil, is
// the command line to start the program again with, once this book is closed
// (startAgain): the user chose another book under Delad bok på server and asked to
// open it now.
func run(demoMode bool, demoSize int, dbPath string) (again []string, err error) {
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	a := app.NewWithID("se.paminn.app")
	stopSignals := quitOnSignal(a)
	defer stopSignals()
	opt := core.Options{Logger: slog.Default(), LettersDir: defaultLettersDir(), BankFiles: bankfile.Reader{},
		Spreadsheets: xlsx.Reader{}, SIE: sie.Writer{}}
	var guiOpts gui.Options
	guiOpts.Demo = demoMode || demoSize > 0
	if !guiOpts.Demo {
		guiOpts.OpenDemo = startDemo
		guiOpts.CheckServerBook = data.ServerLogin{Secrets: secret.Keyring{}}.Check
		given := dbPath // --db, before the chosen book takes its place
		guiOpts.Reopen = func() { again = reopenArgs(os.Args[1:], given, gui.ChosenServerBook(a)); a.Quit() }
		if dbPath == "" {
			dbPath = gui.ChosenServerBook(a) // Delad bok på server, or "" for the file
		}
	}
	if !guiOpts.Demo && data.IsServerAddress(dbPath) {
		err := runServerBook(ctx, stop, a, opt, guiOpts, dbPath)
		return again, err
	}
	store, closeBook, err := openBook(ctx, &opt, &guiOpts, demoMode, demoSize, dbPath)
	if err != nil {
		gui.RunStartupError(a, err)
		return nil, err
	}
	defer closeBook()
	svc, delivered, err := startService(ctx, store, opt)
	if err != nil {
		return nil, err
	}
	gui.Run(a, svc, guiOpts)
	reportSlowClose(slowClose)
	// The window is gone: stop the delivery loop and let it finish before the book closes.
	stop()
	<-delivered
	return again, nil
}

// startService builds the service over the book and starts its delivery loop, which
// runs until ctx ends and then closes delivered, and on a shared book the following
// of the other desktops' changes.
func startService(ctx context.Context, store core.Store, opt core.Options) (svc *core.Service, delivered <-chan struct{}, err error) {
	amiliClient := amili.NewClient()
	amiliClient.Secrets = opt.Secrets
	letters, err := letter.NewWithFonts(letterFonts())
	if err != nil {
		return nil, nil, err
	}
	opt.Channels = core.Channels{Letter: letters, Mail: mail.NewSender(opt.Secrets), Amili: amiliClient}
	svc = core.NewService(store, opt)
	done := make(chan struct{})
	go func() {
		defer close(done)
		go svc.FollowOtherDesktops(ctx) // a shared book: the others' changes show here too
		svc.RunDelivery(ctx, time.Minute)
	}()
	return svc, done, nil
}

// runServerBook opens a book on a PostgreSQL server (issue 24) in the window that
// asks for its password (gui.RunServerBook): address is a postgres:// or
// postgresql:// URL with the user, host, database and sslmode and no password; the
// password is in the OS password store (data.ServerLogin), asked for when it is not.
func runServerBook(ctx context.Context, stop func(), a fyne.App, opt core.Options, guiOpts gui.Options, address string) error {
	// A shared book's queue is any desktop's: one without a secret leaves its items
	// for a desktop that has it (core.Options.SharedBook).
	opt.Secrets, opt.SharedBook = secret.Keyring{}, true
	opened := make(chan func(), 1) // what to do when the windows are gone
	connect := func(_ context.Context, ask gui.AskPassword) (*core.Service, error) {
		store, err := data.ServerLogin{Secrets: opt.Secrets, Ask: ask}.Open(ctx, address)
		if err != nil {
			return nil, err
		}
		svc, delivered, err := startService(ctx, store, opt)
		if err != nil {
			closer(store)()
			return nil, err
		}
		opened <- func() { <-delivered; closer(store)() }
		return svc, nil
	}
	gui.RunServerBook(a, connect, guiOpts)
	reportSlowClose(slowClose)
	stop() // the windows are gone: stop the delivery loop, or a connection under way
	select {
	case finish := <-opened:
		finish()
	default:
	}
	return nil
}

// letterFonts are the fonts letters print names outside Windows-1252 in (Łukasz,
// Ольга, Nguyễn): the Noto Sans Fyne bundles, handed over here because data does not
// import Fyne.
func letterFonts() letter.Fonts {
	return letter.Fonts{Regular: theme.DefaultTextFont().Content(), Bold: theme.DefaultTextBoldFont().Content(),
		Italic: theme.DefaultTextItalicFont().Content()}
}

// collectGarbageSooner lets the heap grow by half its live size between collections
// instead of Go's default of doubling, unless GOGC says otherwise. A desktop window
// lives for hours and sorts, scrolls and searches make short-lived garbage; with the
// default, the heap's slack alone took the program over its 200 MB budget after a few
// minutes of use on the million-invoice book (BENCHMARKS.md, "Peak memory"). The
// cost is more frequent, smaller collections, which a window that waits for the user
// does not notice.
func collectGarbageSooner() {
	if _, set := os.LookupEnv("GOGC"); !set {
		debug.SetGCPercent(50)
	}
}

// openBook opens the demo book or the user's book and sets the options that depend
// on which: the password store and, for the demo, the letters folder and the folder
// its bank files are in.
func openBook(ctx context.Context, opt *core.Options, guiOpts *gui.Options, demoMode bool, demoSize int, dbPath string) (core.Store, func(), error) {
	if demoMode || demoSize > 0 {
		d, err := openDemo(ctx, demoSize)
		if err != nil {
			return nil, nil, err
		}
		opt.Secrets, opt.LettersDir = d.Secrets, d.LettersDir
		guiOpts.BankFilesDir = d.Dir
		return d.Store, d.Close, nil
	}
	if dbPath == "" {
		var err error
		if dbPath, err = defaultBookPath(); err != nil {
			return nil, nil, err
		}
	}
	store, err := data.Open(dbPath)
	if err != nil {
		return nil, nil, err
	}
	opt.Secrets = secret.Keyring{}
	return store, closer(store), nil
}

// closer closes the book when the program ends, saying so in the log if it fails.
func closer(book interface{ Close() error }) func() {
	return func() {
		if err := book.Close(); err != nil {
			slog.Warn("closing the book", "err", err)
		}
	}
}

// quitOnSignal quits the app cleanly on SIGINT or SIGTERM (Ctrl+C, a session logging
// out, a test asking the program to stop), so the book is closed and the exit code is
// 0. The returned function stops listening.
func quitOnSignal(a fyne.App) (stop func()) {
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			slog.Info("quitting on signal", "signal", sig.String())
			// The driver's Quit, not the app's: App.Quit closes each window first, and a
			// mouse event still queued for a closed window then panics inside fyne 2.7
			// (processMouseMoved calls SetInputMode on the closed window's nil view),
			// so the program exited with code 2 now and then (seen by the smoke test).
			// The driver's Quit ends the event loop with the windows still whole, as
			// fyne's own SIGTERM handler does.
			fyne.Do(a.Driver().Quit)
		case <-done:
		}
	}()
	return func() {
		signal.Stop(signals)
		close(done)
	}
}

// openDemo opens the demo book in the user's cache folder, apart from real data.
func openDemo(ctx context.Context, size int) (*demo.Book, error) {
	cache, err := os.UserCacheDir()
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(cache, "paminn", "demo")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	return demo.OpenBook(ctx, dir, size)
}

// defaultBookPath is paminn.db in the user's configuration folder (created if missing).
func defaultBookPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	dir = filepath.Join(dir, "Paminn")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, "paminn.db"), nil
}

// startDemo starts this program again with --demo, beside the running one: the
// demo has a book of its own, so the two never share a file.
func startDemo() error {
	exe, err := os.Executable()
	if err == nil {
		cmd := exec.Command(exe, "--demo")
		if err = cmd.Start(); err == nil {
			go cmd.Wait() //nolint:errcheck // only reaps the demo when it ends
			return nil
		}
	}
	return core.Wrap(err, core.EUNAVAILABLE, "The demo could not be started", nil)
}

// slowClose is how long the program may take to close its book after its window
// has closed before it says what it is waiting for (reportSlowClose).
const slowClose = 10 * time.Second

// reportSlowClose writes every goroutine's stack to stderr if the program still runs
// after d: a window that closed but a program that did not end (seen once in CI
// under Wine, .ci/wine-check's swedish-path case) then says what it waits for, where
// nothing else would.
// A program that ends in time ends this watch with it.
func reportSlowClose(d time.Duration) {
	go func() {
		time.Sleep(d)
		buf := make([]byte, 1<<20)
		buf = buf[:runtime.Stack(buf, true)]
		fmt.Fprintf(os.Stderr, "paminn: still closing %v after the window closed; its goroutines:\n%s\n", d, buf)
	}()
}

// startAgain starts this program again, detached, with args.
func startAgain(args []string) error {
	exe, err := os.Executable()
	if err == nil {
		cmd := exec.Command(exe, args...)
		if err = cmd.Start(); err == nil {
			return cmd.Process.Release()
		}
	}
	return core.Wrap(err, core.EUNAVAILABLE, "Påminn could not be started again: start it yourself to open the chosen book", nil)
}

// reopenArgs is the command line args started again with to open the book chosen
// (gui.ChosenServerBook: a server's address, or "" for the file on this computer),
// given the --db it was started with (or ""): without its --db when the chosen book
// is on a server or the --db names one, so the choice is what opens; a --db naming a
// file stays when the file is chosen, which is the file this window had open.
func reopenArgs(args []string, given, chosen string) []string {
	if chosen != "" || data.IsServerAddress(given) {
		return withoutBook(args)
	}
	return append([]string{}, args...)
}

// withoutBook is the command line args without its --db (-db) flag and value.
func withoutBook(args []string) []string {
	var out []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			i++ // and its value
		case strings.HasPrefix(a, "--db=") || strings.HasPrefix(a, "-db="):
		default:
			out = append(out, a)
		}
	}
	return out
}

// defaultLettersDir is "Påminn brev" in the user's documents folder, wherever the
// desktop keeps it (OneDrive on many Windows computers, "Dokument" on Swedish Linux).
func defaultLettersDir() string {
	return filepath.Join(userdirs.Documents(), "Påminn brev")
}
