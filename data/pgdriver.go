package data

import (
	"context"
	"database/sql/driver"
	"errors"
	"strconv"
	"strings"
)

// rebindConnector hands database/sql connections to PostgreSQL (pgx's stdlib driver)
// that take the store's SQL as it is written for SQLite: a statement with a twin for
// PostgreSQL (pgTwin) is replaced by it, and `?` and `?NNN` placeholders become `$n`
// (rebind) before pgx sees a statement, so the SQL both engines share is written once
// and a shared function runs on both engines unchanged (engine.go).
type rebindConnector struct{ driver.Connector }

// Connect opens one connection to the server.
func (c rebindConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.Connector.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &rebindConn{conn: conn}, nil
}

// rebindConn is one pgx connection whose statements are rebound; it passes on every
// optional interface pgx's connection implements that database/sql looks for.
type rebindConn struct{ conn driver.Conn }

func (c *rebindConn) Prepare(query string) (driver.Stmt, error) {
	return c.conn.Prepare(pgStatement(query))
}
func (c *rebindConn) Close() error { return c.conn.Close() }

// Begin is driver.Conn's; database/sql calls BeginTx.
func (c *rebindConn) Begin() (driver.Tx, error) { return c.conn.Begin() } //nolint:staticcheck

func (c *rebindConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if p, ok := c.conn.(driver.ConnPrepareContext); ok {
		return p.PrepareContext(ctx, pgStatement(query))
	}
	return c.conn.Prepare(pgStatement(query))
}

func (c *rebindConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if b, ok := c.conn.(driver.ConnBeginTx); ok {
		return b.BeginTx(ctx, opts)
	}
	return nil, errors.New("the PostgreSQL driver cannot begin a transaction with options")
}

func (c *rebindConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	if e, ok := c.conn.(driver.ExecerContext); ok {
		return e.ExecContext(ctx, pgStatement(query), args)
	}
	return nil, driver.ErrSkip // database/sql prepares the statement instead
}

func (c *rebindConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	if q, ok := c.conn.(driver.QueryerContext); ok {
		return q.QueryContext(ctx, pgStatement(query), args)
	}
	return nil, driver.ErrSkip
}

func (c *rebindConn) Ping(ctx context.Context) error {
	if p, ok := c.conn.(driver.Pinger); ok {
		return p.Ping(ctx)
	}
	return nil
}

func (c *rebindConn) ResetSession(ctx context.Context) error {
	if r, ok := c.conn.(driver.SessionResetter); ok {
		return r.ResetSession(ctx)
	}
	return nil
}

func (c *rebindConn) IsValid() bool {
	if v, ok := c.conn.(driver.Validator); ok {
		return v.IsValid()
	}
	return true
}

func (c *rebindConn) CheckNamedValue(v *driver.NamedValue) error {
	if n, ok := c.conn.(driver.NamedValueChecker); ok {
		return n.CheckNamedValue(v)
	}
	return driver.ErrSkip // database/sql's default conversion
}

// pgTwins are the statements PostgreSQL runs instead of SQLite's, by SQLite's text:
// where the engines differ (json_each over a JSON array, SQLite's index hints, date
// functions), the PostgreSQL form is registered beside the SQLite constant with
// pgTwin, and the shared function that runs the constant needs no change. Filled at
// package initialisation, read only afterwards.
var pgTwins = map[string]string{}

// pgTwin registers pg as what PostgreSQL runs for the SQLite statement sqlite, and
// returns pg. Registering one statement twice is a bug.
func pgTwin(sqlite, pg string) string {
	if _, dup := pgTwins[sqlite]; dup {
		panic("data: a PostgreSQL twin registered twice")
	}
	pgTwins[sqlite] = pg
	return pg
}

// pgStatement is the statement PostgreSQL runs for query: its twin, if it has one,
// else query without SQLite's index hints (withoutIndexHints: a hint says how to read,
// never what), with PostgreSQL's placeholders.
func pgStatement(query string) string {
	if twin, ok := pgTwins[query]; ok {
		query = twin
	} else if strings.Contains(query, "INDEXED") {
		query = withoutIndexHints(query)
	}
	return rebind(query)
}

// maxParameter is the largest ?NNN SQLite takes (SQLITE_MAX_VARIABLE_NUMBER's default,
// 32766).
const maxParameter = 32766

// rebind rewrites SQLite's placeholders as PostgreSQL's: `?NNN` becomes `$NNN` and a
// bare `?` the next number after the largest so far (SQLite's own rule), outside
// quoted text, quoted names and comments, which it copies as they are.
func rebind(query string) string {
	if !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 16)
	largest := 0
	for i := 0; i < len(query); {
		switch ch := query[i]; {
		case ch == '\'' || ch == '"':
			end := strings.IndexByte(query[i+1:], ch)
			if end < 0 {
				b.WriteString(query[i:])
				return b.String()
			}
			b.WriteString(query[i : i+end+2])
			i += end + 2
		case ch == '-' && strings.HasPrefix(query[i:], "--"):
			end := strings.IndexByte(query[i:], '\n')
			if end < 0 {
				end = len(query) - i
			}
			b.WriteString(query[i : i+end])
			i += end
		case ch == '?':
			j := i + 1
			for j < len(query) && query[j] >= '0' && query[j] <= '9' {
				j++
			}
			b.WriteByte('$')
			if j > i+1 {
				// ?NNN as written; beyond SQLite's own limit of parameters it is kept as
				// written, for the server to refuse, and counts for nothing (a number
				// that large would overflow the next plain ?'s).
				digits := query[i+1 : j]
				if n, err := strconv.Atoi(digits); err == nil && n <= maxParameter {
					largest = max(largest, n)
					digits = strconv.Itoa(n)
				}
				b.WriteString(digits)
			} else {
				largest++
				b.WriteString(strconv.Itoa(largest))
			}
			i = j
		default:
			b.WriteByte(ch)
			i++
		}
	}
	return b.String()
}
