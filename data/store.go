// Package data keeps a Påminn book in a SQLite file (modernc.org/sqlite) and
// implements core.Store over it. It records what core decides and holds no business
// rules of its own.
package data

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
	sqlite3 "modernc.org/sqlite/lib"

	"paminn/core"
)

// Store is a Påminn book: one SQLite file. It is safe for concurrent use.
type Store struct {
	db   *sql.DB
	path string
	lock *bookLock // held while the book is open: one Påminn process per book
	// searches remembers which searches match much of the book (search.go).
	searches searchPlans
	// damaged is set once SQLite has said the book is damaged; writes are refused from
	// then on (damage.go).
	damaged atomic.Bool
	// check is the quick check Open left running, if it left one (damage.go).
	check *backgroundCheck
	// uploads holds the PDFs of the uploads claimed from originals kept in the book,
	// which a book moved back from a server has (uploadcopies.go).
	uploads uploadCopies
}

var _ core.Store = (*Store)(nil)

// busyTimeoutMS is how long a statement waits for another connection's lock before
// giving up with "in use"; tests shorten it.
var busyTimeoutMS = 5000

// sqliteHeader starts every SQLite database file.
var sqliteHeader = []byte("SQLite format 3\x00")

// applicationID marks a SQLite file as a Påminn book ('PAMN'); set by 001_init.sql.
const applicationID = 0x50414D4E

// Open opens the book at path, creating it if it does not exist, and brings its
// schema up to date (after backing up an existing file). A file that is not a Påminn
// book, is damaged, read-only or from a newer Påminn is refused and left untouched; a
// book another Påminn process has open is refused with EUNAVAILABLE (see bookLock).
func Open(path string) (*Store, error) {
	return open(context.Background(), path, time.Now)
}

// open is Open with the clock that names backups.
func open(ctx context.Context, path string, now func() time.Time) (*Store, error) {
	if err := checkFolder(path); err != nil {
		return nil, err
	}
	// The lock comes first, so that a book another process has open is not even read.
	lock, err := lockBook(path)
	if err != nil {
		return nil, err
	}
	st, err := inspect(path)
	if err != nil {
		lock.discard()
		return nil, err
	}
	db, err := sql.Open("sqlite", dsn(path, ""))
	if err != nil {
		lock.release()
		return nil, core.Wrap(err, core.EUNAVAILABLE, msgCannotOpen, pathData(path))
	}
	// A few connections serve concurrent readers (WAL) while writers queue for the
	// lock; the cap bounds the page caches' memory (cache_size in dsn, per connection).
	db.SetMaxOpenConns(4)
	s := &Store{db: db, path: path, lock: lock}
	if err := s.migrate(ctx, st.existing, now); err != nil {
		db.Close()
		lock.release()
		if isDamaged(err) { // met by the backup or a migration, past the check's budget
			return nil, damagedError(err, path, false)
		}
		return nil, err
	}
	if st.existing && !st.checked {
		s.checkInBackground()
	}
	return s, nil
}

// Close closes the book, first letting SQLite refresh its query-planner statistics.
func (s *Store) Close() error {
	s.stopCheck()
	s.uploads.dropAll()
	// optimize is advisory: a failure must not keep the file from closing.
	_, _ = s.db.Exec("PRAGMA optimize")
	err := s.db.Close()
	// The lock goes last, once no connection can write any more.
	if lerr := s.lock.release(); err == nil && lerr != nil {
		err = core.Wrap(lerr, core.EINTERNAL, msgInternal, nil)
	}
	if err != nil {
		return storeError(err, "close")
	}
	return nil
}

// Path is the book's file.
func (s *Store) Path() string { return s.path }

// walCheckpointPages is how many pages the WAL holds before a commit checkpoints it.
const walCheckpointPages = 10000

// dsn is the connection string for path. The pragmas live in it so that every pooled
// connection gets them; the page cache is a reader's (see readCacheKiB). In WAL
// mode synchronous=FULL syncs the WAL at every commit, so a committed batch survives a
// power cut or OS crash as well as the program being killed: delivery starts from what
// was committed, and a batch rolled back after its e-mails went out would send them
// again. A batch is one transaction, so the cost is one fsync per batch (see
// BENCHMARKS.md, "SendReminders and the bare insert"). The WAL is copied into the book
// (a checkpoint: the pages written, then an fsync of the book) once it holds 10,000
// pages, not SQLite's 1,000: a reminder batch at 1,000,000 invoices writes ~300 pages,
// so every third batch would otherwise wait for a checkpoint; now about every thirtieth,
// or the program's closing, does. The WAL file may grow to ~40 MiB on disk; memory does
// not (see BENCHMARKS.md, "The reminded orders and a batch's writes"). Mode "ro" opens
// read-only without any pragma that could write; "immutable" also takes no locks and
// creates no -wal or -shm file.
func dsn(path, mode string) string {
	p := filepath.ToSlash(path)
	if filepath.VolumeName(path) != "" && !strings.HasPrefix(p, "/") {
		p = "/" + p // file:/C:/… on Windows
	}
	p = strings.NewReplacer("%", "%25", "?", "%3F", "#", "%23").Replace(p)
	switch mode {
	case "ro":
		return "file:" + p + "?mode=ro"
	case "immutable":
		return "file:" + p + "?mode=ro&immutable=1"
	}
	return "file:" + p + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(" + strconv.Itoa(busyTimeoutMS) + ")" +
		"&_pragma=journal_mode(WAL)&_pragma=synchronous(FULL)&_pragma=cache_size(-" + strconv.Itoa(readCacheKiB) + ")" +
		"&_pragma=wal_autocheckpoint(" + strconv.Itoa(walCheckpointPages) + ")&_txlock=immediate"
}

func pathData(path string) map[string]any { return map[string]any{"Path": path} }

// bookState is what inspect learned about a file before Open writes to it.
type bookState struct {
	existing bool // the file holds a Påminn schema (possibly an old one), worth a backup
	checked  bool // SQLite's quick check found it sound within openCheckBudget
}

// inspect decides, without writing anything, whether path can be opened as a book.
func inspect(path string) (bookState, error) {
	if err := checkFolder(path); err != nil {
		return bookState{}, err
	}
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return bookState{}, nil
	case err != nil:
		return bookState{}, core.Wrap(err, core.EUNAVAILABLE, msgCannotOpen, pathData(path))
	case fi.IsDir():
		return bookState{}, core.Errorf(core.EINVALID, msgIsFolder, pathData(path))
	}
	if err := checkWritable(path, fi); err != nil {
		return bookState{}, err
	}
	if fi.Size() == 0 {
		return bookState{}, nil // SQLite treats an empty file as an empty database
	}
	if err := checkHeader(path); err != nil {
		return bookState{}, err
	}
	return inspectSchema(path)
}

// checkFolder refuses a path whose folder does not exist.
func checkFolder(path string) error {
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return core.Wrap(err, core.EUNAVAILABLE, msgNoFolder, map[string]any{"Dir": dir})
	}
	return nil
}

// checkWritable refuses a file that is marked read-only or cannot be opened for writing.
func checkWritable(path string, fi fs.FileInfo) error {
	if fi.Mode().Perm()&0o200 == 0 {
		return core.Errorf(core.EUNAVAILABLE, msgReadOnly, pathData(path))
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return writeAccessError(err, path, false)
	}
	return f.Close()
}

// checkHeader reads the 100-byte SQLite header and checks that it names a database;
// the driver never sees a file that fails. Whether its pages are all there is SQLite's
// to say (inspectSchema): a file shorter than its header's page count is whole when
// the rest of its pages are in its WAL, as a checkpoint cut off by a kill or a full
// disk leaves it.
func checkHeader(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return core.Wrap(err, core.EUNAVAILABLE, msgCannotOpen, pathData(path))
	}
	defer f.Close()
	h := make([]byte, 100)
	if _, err := io.ReadFull(f, h); err != nil || !bytes.HasPrefix(h, sqliteHeader) {
		return core.Errorf(core.EINVALID, msgNotABook, pathData(path))
	}
	pageSize := int64(binary.BigEndian.Uint16(h[16:18]))
	if pageSize == 1 {
		pageSize = 65536
	}
	if pageSize < 512 || pageSize&(pageSize-1) != 0 {
		return core.Errorf(core.EINVALID, msgNotABook, pathData(path))
	}
	return nil
}

// inspectSchema opens path read-only and tells a Påminn book (and its version) from a
// foreign, newer or damaged database. A -wal file beside it is read as SQLite reads it
// (and recovered from), so that a book is judged by what SQLite sees.
func inspectSchema(path string) (bookState, error) {
	// Without a -wal file the main file is the whole database: read it as immutable so
	// that not even a -shm file appears next to a file that may not be ours.
	mode := "immutable"
	if fileExists(path + "-wal") {
		mode = "ro"
	}
	db, err := sql.Open("sqlite", dsn(path, mode))
	if err != nil {
		return bookState{}, core.Wrap(err, core.EUNAVAILABLE, msgCannotOpen, pathData(path))
	}
	defer db.Close()
	var appID, objects int
	err = db.QueryRow(`SELECT (SELECT application_id FROM pragma_application_id),
		(SELECT count(*) FROM sqlite_schema)`).Scan(&appID, &objects)
	if err != nil {
		return bookState{}, openError(err, path)
	}
	switch {
	case objects == 0:
		return bookState{}, nil // an empty database: treat it as new
	case appID != applicationID:
		return bookState{}, core.Errorf(core.EINVALID, msgForeign, pathData(path))
	}
	var version int
	if err := db.QueryRow(`SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&version); err != nil {
		return bookState{}, openError(err, path)
	}
	if version > len(migrations) {
		return bookState{}, core.Errorf(core.EINVALID, msgNewer, pathData(path))
	}
	checked, err := checkAtOpen(db)
	if err != nil {
		return bookState{}, openError(err, path)
	}
	return bookState{existing: true, checked: checked}, nil
}

// openCheckBudget is how long Open gives SQLite's quick check of a book before it
// opens the book anyway and lets the check finish in the background: at 100,000
// invoices the check takes 0.1–0.2 s, at 1,000,000 some ten times that, more than
// the window's 1.5 s (BENCHMARKS.md, "Checking the book at opening").
var openCheckBudget = 400 * time.Millisecond

// checkAtOpen runs the quick check on db within openCheckBudget: checked is true if it
// finished and found the book sound, and err says what it found otherwise.
func checkAtOpen(db *sql.DB) (checked bool, err error) {
	ctx, cancel := context.WithTimeout(context.Background(), openCheckBudget)
	defer cancel()
	err = quickCheck(ctx, db)
	if ctx.Err() != nil {
		return false, nil // not finished: the book is checked again once open
	}
	return err == nil, err
}

// openError explains a failure to read a file being opened.
func openError(err error, path string) error {
	switch {
	case isBusy(err):
		return core.Wrap(err, core.EUNAVAILABLE, msgBusy, nil)
	case isDamaged(err):
		return damagedError(err, path, false)
	case onReadOnlyDisk(err):
		return core.Wrap(err, core.EUNAVAILABLE, msgDiskReadOnly, pathData(path))
	case sqliteCode(err) == sqlite3.SQLITE_READONLY:
		return core.Wrap(err, core.EUNAVAILABLE, msgReadOnly, pathData(path))
	}
	return core.Wrap(err, core.EUNAVAILABLE, msgCannotOpen, pathData(path))
}

// read runs f in a read-only transaction (it does not take the write lock).
// An error that says the book is damaged marks it so (noteDamage).
func (s *Store) read(ctx context.Context, op string, f func(tx *sql.Tx) error) error {
	return s.noteDamage(inTx(ctx, op, s.db.BeginTx, &sql.TxOptions{ReadOnly: true}, f))
}

// write runs f in a write transaction (BEGIN IMMEDIATE) and commits if f succeeds. A
// book found damaged is not written to; an error that says it is damaged marks it so.
func (s *Store) write(ctx context.Context, op string, f func(tx *sql.Tx) error) error {
	if err := s.refuseIfDamaged(); err != nil {
		return err
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.noteDamage(storeError(err, op))
	}
	defer conn.Close()
	if err := setWriteCaches(ctx, conn, writeCacheKiB, tempInMemory); err != nil {
		return s.noteDamage(storeError(err, op))
	}
	// Lowering it again frees the pages above a reader's share, even when ctx is done;
	// should that fail, the connection keeps the larger cache, which costs memory only.
	defer func() { _ = setWriteCaches(context.WithoutCancel(ctx), conn, readCacheKiB, tempDefault) }()
	return s.noteDamage(inTx(ctx, op, conn.BeginTx, nil, f))
}

// readCacheKiB and writeCacheKiB are SQLite's page cache for each connection, in KiB.
// A read needs little: a page of the list or the dialog reads a few dozen pages, and a
// search or count that reads a whole index reads it from the operating system's cache
// of the file about as fast through a small cache as through a large one. Up to four
// connections read at once and each one's cache, once filled, stays full: at 32 MiB
// each, the page and the count of one search in the reminder dialog took the program
// from 171 to 234 MB at 1,000,000 invoices, and at 8 MiB a long session there (every
// sort, Select all, searches in the dialog and the list) still reached 201–202 MB; at
// 4 MiB, 193–194 MB, with every target for pages, totals and batches still met. A
// write touches the pages of some twenty indexes for each of up to 200 invoices and
// spills them mid-transaction in a small cache: a reminder batch took 12× the bare
// 200-row insert instead of 8×. So the pool's connections read with the small cache,
// and a write raises its connection's for the transaction and lowers it after, which
// frees the pages above a reader's share (BENCHMARKS.md, "Searches and SQLite's page
// caches").
const (
	readCacheKiB  = 4 << 10
	writeCacheKiB = 32 << 10
)

// setCacheSize sets conn's page cache to kib KiB.
func setCacheSize(ctx context.Context, conn *sql.Conn, kib int) error {
	_, err := conn.ExecContext(ctx, `PRAGMA cache_size = -`+strconv.Itoa(kib))
	return err
}

// The places of SQLite's temporary files (PRAGMA temp_store) a write switches between.
// A statement that fires a trigger or may fail half-way keeps a statement journal of
// the pages it changes, in memory up to 64 KiB and in a temporary file beyond: a
// reminder batch's update of 200 invoices (with the claim's trigger on charges_ore)
// wrote some 2,000 pages there, about a third of the batch's CPU at 1,000,000
// invoices. In memory the journal costs at most the pages the write changes, freed
// at its end; reads keep the default, so a large sort still spills to a file
// (BENCHMARKS.md, "A batch's statement journal").
const (
	tempInMemory = "MEMORY"
	tempDefault  = "DEFAULT"
)

// setWriteCaches sets conn's page cache to kib KiB and its temporary files' place.
func setWriteCaches(ctx context.Context, conn *sql.Conn, kib int, temp string) error {
	if err := setCacheSize(ctx, conn, kib); err != nil {
		return err
	}
	_, err := conn.ExecContext(ctx, `PRAGMA temp_store = `+temp)
	return err
}

// inTx runs f in a transaction that begin starts, and commits if f succeeds.
func inTx(ctx context.Context, op string, begin func(context.Context, *sql.TxOptions) (*sql.Tx, error), opts *sql.TxOptions, f func(tx *sql.Tx) error) error {
	tx, err := begin(ctx, opts)
	if err != nil {
		return storeError(err, op)
	}
	if err := f(tx); err != nil {
		_ = tx.Rollback() // the error from f is the one worth reporting
		return storeError(err, op)
	}
	return storeError(tx.Commit(), op)
}
