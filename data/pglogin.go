package data

import (
	"context"
	"log/slog"
	"net/url"
	"strconv"
	"time"

	"github.com/jackc/pgx/v5"

	"paminn/core"
)

// Signing in to a book on a server (issue 24): the password lives in the operating
// system's password store (core.Secrets, data/secret's Keyring), one per user, server
// and database, never in the settings, the book or the address on the command line
// (which every user of the computer can read in the process list). The first time a
// desktop opens the book the user is asked for it; it is saved once the server has
// taken it, and asked for again when the server refuses the saved one.

// Messages about signing in.
const (
	msgPGPasswordInAddress = "Write no password in the address {{.Address}}: the address can be read by others on this computer; Påminn asks for the password and keeps it in the computer's password store"
	msgPGNoPassword        = "No password was given for {{.Book}}"
)

// ServerLogin opens a book on a server with the password from Secrets, asking for it
// through Ask when none is saved or the server refuses the saved one.
type ServerLogin struct {
	// Secrets is the password store (secret.Keyring; secret.Memory in tests).
	Secrets core.Secrets
	// Ask asks the user for the password of book (ServerBookName). why is nil the
	// first time and the refusal after a wrong password. It returns an error when
	// the user gives up (closes the window), which ends the login.
	Ask func(ctx context.Context, book string, why error) (string, error)
	// Log hears that a password the server took could not be saved (no password
	// store on this computer), so it will be asked for again next time. nil: the
	// default logger.
	Log *slog.Logger
}

// Open opens the book at address, a postgres:// URL without a password.
func (l ServerLogin) Open(ctx context.Context, address string) (*PGStore, error) {
	cfg, err := loginConfig(address)
	if err != nil {
		return nil, err
	}
	saved, err := l.Secrets.Get(ServerPasswordName(cfg))
	if err == nil {
		cfg.Password = saved
		s, err := openPostgres(ctx, cfg, migrationStamp())
		if !passwordRefused(err) {
			return s, err
		}
		return l.askUntilTaken(ctx, cfg, err)
	}
	if code := core.ErrorCodeOf(err); code != core.ENOTFOUND && code != core.EUNAVAILABLE {
		return nil, err
	}
	return l.askUntilTaken(ctx, cfg, nil)
}

// Check connects to the book at address (no password in it) with password, making
// an empty database a book, and saves the password once the server has taken it:
// how a desktop's choice of a book on a server is tried before it is kept.
func (l ServerLogin) Check(ctx context.Context, address, password string) error {
	cfg, err := loginConfig(address)
	if err != nil {
		return err
	}
	cfg.Password = password
	s, err := openPostgres(ctx, cfg, migrationStamp())
	if err != nil {
		return err
	}
	l.save(cfg, password)
	return s.Close()
}

// save keeps the password the server took in the password store; a computer without
// one is told in the log, and the password is asked for again next time.
func (l ServerLogin) save(cfg *pgx.ConnConfig, password string) {
	if err := l.Secrets.Set(ServerPasswordName(cfg), password); err != nil {
		l.logger().Warn("the server book's password could not be saved; it will be asked for again", "book", serverBookName(cfg), "err", err)
	}
}

// askUntilTaken asks for the password until the server takes it (or the user gives
// up), then saves it.
func (l ServerLogin) askUntilTaken(ctx context.Context, cfg *pgx.ConnConfig, why error) (*PGStore, error) {
	book := serverBookName(cfg)
	for {
		password, err := l.Ask(ctx, book, why)
		if err != nil {
			return nil, err
		}
		if password == "" {
			why = core.Errorf(core.EINVALID, msgPGNoPassword, map[string]any{"Book": core.Excerpt(book)})
			continue
		}
		try := cfg.Copy()
		try.Password = password
		s, err := openPostgres(ctx, try, migrationStamp())
		if passwordRefused(err) {
			why = err
			continue
		}
		if err != nil {
			return nil, err
		}
		l.save(cfg, password)
		return s, nil
	}
}

func (l ServerLogin) logger() *slog.Logger {
	if l.Log == nil {
		return slog.Default()
	}
	return l.Log
}

// loginConfig reads address, refusing one that carries a password. The driver's
// other sources of a password (PGPASSWORD, the passfile) are not used: the password
// store is the one place.
func loginConfig(address string) (*pgx.ConnConfig, error) {
	u, err := url.Parse(address)
	if err != nil || !IsServerAddress(address) {
		return nil, core.Errorf(core.EINVALID, msgPGAddress, map[string]any{"Address": core.Excerpt(redacted(address))})
	}
	if _, has := u.User.Password(); has {
		return nil, core.Errorf(core.EINVALID, msgPGPasswordInAddress, map[string]any{"Address": core.Excerpt(redacted(address))})
	}
	cfg, err := parsePGAddress(address)
	if err != nil {
		return nil, err
	}
	cfg.Password = ""
	return cfg, nil
}

// ServerPasswordName is the name the password of the book cfg names is saved under
// in the password store: one per user, server, port and database.
func ServerPasswordName(cfg *pgx.ConnConfig) string {
	return "server-book " + serverBookName(cfg)
}

// serverBookName names a book on a server for the user: user@host:port/database.
func serverBookName(cfg *pgx.ConnConfig) string {
	return cfg.User + "@" + cfg.Host + ":" + strconv.Itoa(int(cfg.Port)) + "/" + cfg.Database
}

// passwordRefused says whether err is the server refusing the user's password
// (invalid_password; a refusal by the server's pg_hba.conf is not the password's).
func passwordRefused(err error) bool { return pgCode(err) == "28P01" }

// migrationStamp is the time a migration made while signing in records: the service
// and its clock come after the book is open.
func migrationStamp() time.Time { return time.Now() }
