package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"paminn/core"
)

//go:embed pgmigrations/*.sql
var pgMigrationFiles embed.FS

// pgMigration is one PostgreSQL migration file; it brings the book to version, the
// number it shares with SQLite's migration (engine.go). The first file holds the
// schema of several SQLite migrations at once: it records each of their versions.
type pgMigration struct {
	version int
	name    string
	sql     string
	// then, if set, writes data the SQL cannot, in the same transaction.
	then func(ctx context.Context, tx *sql.Tx) error
}

// pgMigrationSteps are the Go steps that complete a PostgreSQL migration, by version.
var pgMigrationSteps = map[int]func(ctx context.Context, tx *sql.Tx) error{
	21: seedReferenceRates, // 001's and 004's rates: the published ones
}

// pgMigrations are the embedded PostgreSQL migrations in order.
var pgMigrations = loadPGMigrations()

func loadPGMigrations() []pgMigration {
	names, err := fs.Glob(pgMigrationFiles, "pgmigrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	var ms []pgMigration
	for _, name := range names {
		var n int
		if _, err := fmt.Sscanf(path.Base(name), "%03d_", &n); err != nil ||
			len(ms) > 0 && n != ms[len(ms)-1].version+1 {
			panic(fmt.Sprintf("data: PostgreSQL migration %s is out of sequence", name))
		}
		b, err := pgMigrationFiles.ReadFile(name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, pgMigration{version: n, name: strings.TrimSuffix(path.Base(name), ".sql"),
			sql: string(b), then: pgMigrationSteps[n]})
	}
	return ms
}

// pgSchemaVersion is the version of the schema this program writes on PostgreSQL.
func pgSchemaVersion() int { return pgMigrations[len(pgMigrations)-1].version }

// migrate checks that the database is a Påminn book this program can use and applies
// the migrations it lacks, all in one transaction under the book's migration lock:
// the desktop that opens a book first brings it up to date while the others wait, and
// then find it done. An empty database becomes a book.
func (s *PGStore) migrate(ctx context.Context, now time.Time) error {
	return s.serverError(inTx(ctx, "migrate", s.db.BeginTx, nil, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock(?, ?)`, pgLockSpace, pgLockMigrate); err != nil {
			return err
		}
		version, err := s.bookVersion(ctx, tx)
		if err != nil {
			return err
		}
		if version > pgSchemaVersion() {
			return core.Errorf(core.EINVALID, msgPGNewer, s.data())
		}
		if version < pgSchemaVersion() {
			if err := actAsBookOwner(ctx, tx); err != nil {
				return err
			}
		}
		for _, m := range pgMigrations {
			if m.version <= version {
				continue
			}
			if err := applyPG(ctx, tx, m, version, now); err != nil {
				return err
			}
			version = m.version
		}
		return nil
	}))
}

// actAsBookOwner makes the rest of the migration's transaction act as the role that
// owns the database, when the desktop's user is a member of it: an office's desktops
// each sign in as a user of their own, members of one role that owns the book (the
// README's set-up), so the tables a migration makes belong to that role and every
// desktop can use them, whichever desktop migrated. A user that is not a member
// migrates as itself.
func actAsBookOwner(ctx context.Context, tx *sql.Tx) error {
	var owner string
	var member bool
	err := tx.QueryRowContext(ctx, `SELECT pg_get_userbyid(datdba), pg_has_role(current_user, datdba, 'USAGE')
		FROM pg_database WHERE datname = current_database()`).Scan(&owner, &member)
	if err != nil || !member {
		return err
	}
	_, err = tx.ExecContext(ctx, `SET LOCAL ROLE `+pgx.Identifier{owner}.Sanitize())
	return err
}

// bookVersion is the book's schema version, 0 for an empty database; a database with
// tables but no Påminn mark is refused as another program's.
func (s *PGStore) bookVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var marked bool
	var tables int
	err := tx.QueryRowContext(ctx, `SELECT to_regclass('paminn_book') IS NOT NULL,
		(SELECT count(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema())`).Scan(&marked, &tables)
	if err != nil {
		return 0, err
	}
	if !marked {
		if tables > 0 {
			return 0, core.Errorf(core.EINVALID, msgPGForeign, s.data())
		}
		return 0, nil
	}
	var appID int64
	var version int
	err = tx.QueryRowContext(ctx, `SELECT (SELECT application_id FROM paminn_book WHERE id = 1),
		(SELECT coalesce(max(version), 0) FROM schema_version)`).Scan(&appID, &version)
	if err != nil || appID != applicationID {
		return 0, core.Wrap(err, core.EINVALID, msgPGForeign, s.data())
	}
	return version, nil
}

// applyPG runs m on a book at version from, recording every version it brings.
func applyPG(ctx context.Context, tx *sql.Tx, m pgMigration, from int, now time.Time) error {
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("%s: %w", m.name, err)
	}
	if m.then != nil {
		if err := m.then(ctx, tx); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
	}
	for v := from + 1; v <= m.version; v++ {
		_, err := tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`,
			v, instantText(now))
		if err != nil {
			return err
		}
	}
	return nil
}
