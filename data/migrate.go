package data

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path"
	"sort"
	"strings"
	"time"

	"paminn/core"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one numbered SQL file; version n is the n-th file.
type migration struct {
	version int
	name    string
	sql     string
	// then, if set, writes data the SQL cannot, in the same transaction.
	then func(ctx context.Context, tx *sql.Tx) error
}

// migrationSteps are the Go steps that complete a migration's SQL, by version.
var migrationSteps = map[int]func(ctx context.Context, tx *sql.Tx) error{
	1: seedReferenceRates,
	4: addPublishedReferenceRates,
}

// migrations are the embedded migrations in order, numbered 1, 2, … without gaps.
var migrations = loadMigrations()

func loadMigrations() []migration {
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		panic(err)
	}
	sort.Strings(names)
	ms := make([]migration, 0, len(names))
	for i, name := range names {
		var n int
		if _, err := fmt.Sscanf(path.Base(name), "%03d_", &n); err != nil || n != i+1 {
			panic(fmt.Sprintf("data: migration %s is out of sequence", name))
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			panic(err)
		}
		ms = append(ms, migration{version: n, name: strings.TrimSuffix(path.Base(name), ".sql"),
			sql: string(b), then: migrationSteps[n]})
	}
	return ms
}

// migrate applies the migrations the book lacks, each in its own transaction and
// recorded in schema_version. An existing book is backed up first.
func (s *Store) migrate(ctx context.Context, existing bool, now func() time.Time) error {
	var version int
	// Reading the version through the pool proves the file can be used (a lock held
	// by another program shows here) and catches a change since inspect.
	err := s.read(ctx, "read schema version", func(tx *sql.Tx) (err error) {
		version, err = schemaVersion(ctx, tx)
		return err
	})
	if err != nil {
		return err
	}
	if version > len(migrations) {
		return core.Errorf(core.EINVALID, msgNewer, pathData(s.path))
	}
	if version == len(migrations) {
		return nil
	}
	if existing {
		if _, err := s.backup(ctx, version, now()); err != nil {
			return err
		}
	}
	for _, m := range migrations[version:] {
		if err := s.apply(ctx, m, now()); err != nil {
			return err
		}
	}
	return nil
}

// apply runs one migration unless another process applied it meanwhile.
func (s *Store) apply(ctx context.Context, m migration, at time.Time) error {
	write := s.write
	if rebuildsTables[m.version] {
		write = s.writeWithoutForeignKeys
	}
	return write(ctx, "migrate "+m.name, func(tx *sql.Tx) error {
		current, err := schemaVersion(ctx, tx)
		if err != nil || current >= m.version {
			return err
		}
		if current != m.version-1 {
			return fmt.Errorf("schema at version %d, cannot apply %s", current, m.name)
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return fmt.Errorf("%s: %w", m.name, err)
		}
		if m.then != nil {
			if err := m.then(ctx, tx); err != nil {
				return fmt.Errorf("%s: %w", m.name, err)
			}
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO schema_version (version, applied_at) VALUES (?, ?)`,
			m.version, instantText(at))
		return err
	})
}

// schemaVersion is the highest applied migration, 0 before the first.
func schemaVersion(ctx context.Context, tx *sql.Tx) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx,
		`SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'schema_version'`).Scan(&n)
	if err != nil || n == 0 {
		return 0, err
	}
	err = tx.QueryRowContext(ctx, `SELECT coalesce(max(version), 0) FROM schema_version`).Scan(&n)
	return n, err
}

// backup writes a consistent copy of the book next to it, named after the schema
// version it holds and the time, for example book.db.bak-v1-20250314093000, and
// returns the copy's path. An existing file is never overwritten.
func (s *Store) backup(ctx context.Context, version int, at time.Time) (string, error) {
	base := fmt.Sprintf("%s.bak-v%d-%s", s.path, version, at.Format("20060102150405"))
	dest := base
	for i := 2; fileExists(dest); i++ {
		dest = fmt.Sprintf("%s-%d", base, i)
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return "", core.Wrap(err, core.EUNAVAILABLE, "Could not back up {{.Path}} before updating it",
			pathData(s.path))
	}
	return dest, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}
