package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"paminn/core"
)

// PGStore is a Påminn book in a PostgreSQL database, shared by several desktops
// (engine.go says how it shares code with Store). It is safe for concurrent use.
// The password is in the address it was opened with only; it is never stored.
type PGStore struct {
	db *sql.DB
	// cfg is how to connect, for the connection that listens for other desktops'
	// changes (pgchanges.go); it holds the password in memory only.
	cfg *pgx.ConnConfig
	// mark is this store's payload on the notifications of its changes, by which
	// FollowChanges knows its own (pgchanges.go).
	mark string
	// host and database name the book in messages; never the password.
	host, database string
	// searches remembers which searches match much of the book (pgsearch.go).
	searches searchPlans
	// lease holds the queue rows this desktop is delivering (pglease.go).
	lease pgLease
	// uploads holds the PDFs of the uploads this desktop has claimed (uploadcopies.go).
	uploads uploadCopies
}

var _ core.Store = (*PGStore)(nil)

// Messages about a book on a server.
const (
	msgPGAddress     = "{{.Address}} is not a valid address of a book on a server"
	msgPGUnreachable = "The server {{.Host}} cannot be reached; check the address and that the server is running"
	msgPGRefused     = "The server {{.Host}} refused user {{.User}}: wrong user name or password"
	msgPGNoDatabase  = "There is no database {{.Database}} on the server {{.Host}}"
	msgPGForeign     = "The database {{.Database}} on {{.Host}} belongs to another program, not a Påminn book"
	msgPGNewer       = "The book {{.Database}} on {{.Host}} was written by a newer version of Påminn; please update the program"
	msgPGNotLetIn    = "The server {{.Host}} does not let user {{.User}} into the book {{.Database}}: the server's administrator makes the user a member of the book's role"
	msgPGNoTLS       = "The server {{.Host}} offers no encrypted connection (TLS), which the address asks for with sslmode: turn on ssl on the server, or ask for no encryption with sslmode=disable on a network you trust"
)

// pgLockSpace is the first key of the book's advisory locks ('PAMN'); the second says
// which lock.
const (
	pgLockSpace   = 0x50414D4E
	pgLockMigrate = 1 // held while the schema is checked and brought up to date
	pgLockWrite   = 2 // held by each write transaction: one writer at a time
)

// pgWriteStart begins a write: the book's write lock, and the notification its
// commit sends the other desktops (pgchanges.go), in one round trip.
const pgWriteStart = `SELECT pg_advisory_xact_lock(?, ?), pg_notify(?, ?)`

// pgConnectTimeout bounds connecting when the address does not say
// (connect_timeout), so a server that does not answer is reported, not waited for.
const pgConnectTimeout = 10 * time.Second

// OpenPostgres opens the book at address, a postgres:// or postgresql:// URL (or a
// key=value connection string) with the user, password, host, database and sslmode,
// and brings its schema up to date: an empty database becomes a book. A wrong
// address, a refused password, a database of another program and a book from a newer
// Påminn are each refused with their own message.
func OpenPostgres(ctx context.Context, address string) (*PGStore, error) {
	cfg, err := parsePGAddress(address)
	if err != nil {
		return nil, err
	}
	return openPostgres(ctx, cfg, time.Now())
}

// parsePGAddress reads a book's address into the driver's configuration.
func parsePGAddress(address string) (*pgx.ConnConfig, error) {
	cfg, err := pgx.ParseConfig(address)
	if err != nil {
		return nil, core.Errorf(core.EINVALID, msgPGAddress, map[string]any{"Address": core.Excerpt(redacted(address))})
	}
	if cfg.ConnectTimeout == 0 {
		cfg.ConnectTimeout = pgConnectTimeout
	}
	return cfg, nil
}

// openPostgres opens the book cfg names (OpenPostgres); now stamps the migrations it
// applies.
func openPostgres(ctx context.Context, cfg *pgx.ConnConfig, now time.Time) (*PGStore, error) {
	db := sql.OpenDB(rebindConnector{stdlib.GetConnector(*cfg)})
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s := &PGStore{db: db, cfg: cfg, mark: newStoreMark(), host: cfg.Host, database: cfg.Database}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, s.connectError(err, cfg.User)
	}
	if err := s.migrate(ctx, now); err != nil {
		db.Close()
		return nil, err
	}
	return s, nil
}

// redacted is address with any password replaced by "xxxxx", for messages.
func redacted(address string) string {
	u, err := url.Parse(address)
	if err != nil || u.Scheme == "" {
		return "…"
	}
	return u.Redacted()
}

// connectError explains why the server could not be used.
func (s *PGStore) connectError(err error, user string) error {
	data := s.data()
	data["User"] = core.Excerpt(user)
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "28P01", "28000": // invalid_password, invalid_authorization_specification
			return core.Wrap(err, core.EUNAVAILABLE, msgPGRefused, data)
		case "3D000": // invalid_catalog_name
			return core.Wrap(err, core.ENOTFOUND, msgPGNoDatabase, data)
		case "42501": // insufficient_privilege: no CONNECT on the database
			return core.Wrap(err, core.EUNAVAILABLE, msgPGNotLetIn, data)
		}
	}
	if strings.Contains(err.Error(), "refused TLS") { // pgconn's words when sslmode asks for TLS
		return core.Wrap(err, core.EUNAVAILABLE, msgPGNoTLS, data)
	}
	return core.Wrap(err, core.EUNAVAILABLE, msgPGUnreachable, data)
}

// data names the book for a message.
func (s *PGStore) data() map[string]any {
	return map[string]any{"Host": core.Excerpt(s.host), "Database": core.Excerpt(s.database)}
}

// Close closes the connections to the server.
func (s *PGStore) Close() error {
	s.lease.mu.Lock()
	s.lease.close()
	s.lease.mu.Unlock()
	s.uploads.dropAll()
	return storeError(s.db.Close(), "close")
}

// Address names the book for the window's title and messages: the database and its
// server, without user or password.
func (s *PGStore) Address() string { return s.database + " @ " + s.host }

// read runs f in a read-only transaction with one snapshot of the book, handing it
// ctx marked as PostgreSQL's (onPostgres).
func (s *PGStore) read(ctx context.Context, op string, f func(ctx context.Context, tx *sql.Tx) error) error {
	ctx = context.WithValue(ctx, pgEngine{}, true)
	return s.serverError(inTx(ctx, op, s.db.BeginTx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead},
		func(tx *sql.Tx) error { return f(ctx, tx) }))
}

// write runs f in a transaction that holds the book's write lock, and commits if f
// succeeds: one writer at a time, as on SQLite (engine.go). The commit notifies the
// other desktops (pgchanges.go). f gets ctx marked as PostgreSQL's (onPostgres).
func (s *PGStore) write(ctx context.Context, op string, f func(ctx context.Context, tx *sql.Tx) error) error {
	ctx = context.WithValue(ctx, pgEngine{}, true)
	return s.serverError(inTx(ctx, op, s.db.BeginTx, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, pgWriteStart, pgLockSpace, pgLockWrite, pgChangeChannel, s.mark); err != nil {
			return err
		}
		return f(ctx, tx)
	}))
}

// serverError turns a lost connection into EUNAVAILABLE about the server; storeError
// has explained everything else.
func (s *PGStore) serverError(err error) error {
	if core.ErrorCodeOf(err) != core.EINTERNAL || !isConnLost(err) {
		return err
	}
	return core.Wrap(err, core.EUNAVAILABLE, msgPGUnreachable, s.data())
}

// isConnLost reports whether err says the connection to the server failed: it could
// not be made, it broke (the network, the server gone), or the server ended the
// session (a shutdown, a crash, pg_terminate_backend: SQLSTATE 57P01–57P03, or class
// 08, connection exception).
func isConnLost(err error) bool {
	var ce *pgconn.ConnectError
	var ne net.Error
	if errors.As(err, &ce) || errors.Is(err, sql.ErrConnDone) || errors.Is(err, driver.ErrBadConn) ||
		pgconn.Timeout(err) || errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &ne) {
		return true
	}
	code := pgCode(err)
	return strings.HasPrefix(code, "08") || code == "57P01" || code == "57P02" || code == "57P03"
}

// pgCode returns the PostgreSQL error code (SQLSTATE) in err's chain, or "".
func pgCode(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}
