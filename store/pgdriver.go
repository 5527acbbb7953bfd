package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"io"
	"net"
	"regexp"
	"strconv"
	"strings"
	"sync"

	"catruc/scheduler"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// The PostgreSQL driver: pgx's database/sql driver, with connections that
// take the store's SQLite-flavoured SQL as it is written. Each distinct text
// is rewritten once (pgSQL, cached): "?" and "?NNN" placeholders become
// "$n", and an INSERT into a table with an identity id gains "RETURNING id",
// so that LastInsertId works as on SQLite. Everything else passes through:
// where the dialects really differ the store writes its SQL portably (or asks
// its dialect, dialect.go).

// pgDriverName is the name the wrapping driver is registered under, for
// sql.Open("catruc-pgx", dsn).
const pgDriverName = "catruc-pgx"

func init() { sql.Register(pgDriverName, pgDriver{}) }

// pgDriver opens connections of a DSN (sql.Open).
type pgDriver struct{}

func (pgDriver) Open(dsn string) (driver.Conn, error) {
	c, err := pgDriver{}.OpenConnector(dsn)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

func (pgDriver) OpenConnector(dsn string) (driver.Connector, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, errors.New(redactDSN(err.Error()))
	}
	return newPGConnector(cfg), nil
}

// pgConnector wraps pgx's connector.
type pgConnector struct{ inner driver.Connector }

func newPGConnector(cfg *pgx.ConnConfig) driver.Connector {
	return pgConnector{stdlib.GetConnector(*cfg)}
}

func (c pgConnector) Connect(ctx context.Context) (driver.Conn, error) {
	conn, err := c.inner.Connect(ctx)
	if err != nil {
		return nil, connLost(err)
	}
	return &pgConn{conn.(*stdlib.Conn)}, nil
}

func (c pgConnector) Driver() driver.Driver { return pgDriver{} }

// pgConn is one connection; it rewrites SQL before pgx sees it.
type pgConn struct{ c *stdlib.Conn }

var (
	_ driver.ConnBeginTx        = (*pgConn)(nil)
	_ driver.ConnPrepareContext = (*pgConn)(nil)
	_ driver.ExecerContext      = (*pgConn)(nil)
	_ driver.QueryerContext     = (*pgConn)(nil)
	_ driver.Pinger             = (*pgConn)(nil)
	_ driver.SessionResetter    = (*pgConn)(nil)
	_ driver.NamedValueChecker  = (*pgConn)(nil)
)

// Conn is the pgx connection underneath (for LISTEN/NOTIFY and the like,
// through sql.Conn.Raw), as pgx's own driver offers it.
func (c *pgConn) Conn() *pgx.Conn { return c.c.Conn() }

func (c *pgConn) Prepare(query string) (driver.Stmt, error) {
	return c.PrepareContext(context.Background(), query)
}

// PrepareContext prepares nothing on the server: pgx already keeps each
// connection's statements by their text, so a statement here is its text.
func (c *pgConn) PrepareContext(_ context.Context, query string) (driver.Stmt, error) {
	return &pgStmt{c: c, query: query}, nil
}

func (c *pgConn) Close() error { return c.c.Close() }
func (c *pgConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}
func (c *pgConn) BeginTx(ctx context.Context, o driver.TxOptions) (driver.Tx, error) {
	tx, err := c.c.BeginTx(ctx, o)
	return tx, connLost(err)
}
func (c *pgConn) Ping(ctx context.Context) error              { return c.c.Ping(ctx) }
func (c *pgConn) ResetSession(ctx context.Context) error      { return c.c.ResetSession(ctx) }
func (c *pgConn) CheckNamedValue(nv *driver.NamedValue) error { return c.c.CheckNamedValue(nv) }
func (c *pgConn) IsValid() bool                               { return !c.c.Conn().IsClosed() }
func (c *pgConn) rewrite(query string) (string, bool)         { return pgSQL(query) }
func (c *pgConn) query(ctx context.Context, q string, a []driver.NamedValue) (driver.Rows, error) {
	rows, err := c.c.QueryContext(ctx, q, a)
	return rows, connLost(err)
}

func (c *pgConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	q, _ := c.rewrite(query)
	return c.query(ctx, q, args)
}

// ExecContext runs a statement; an INSERT that returns its ids reads them,
// for LastInsertId (the last) and RowsAffected (how many).
func (c *pgConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	q, returning := c.rewrite(query)
	if !returning {
		res, err := c.c.ExecContext(ctx, q, args)
		return res, connLost(err)
	}
	rows, err := c.query(ctx, q, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var res pgInsertResult
	dest := make([]driver.Value, len(rows.Columns()))
	for {
		err := rows.Next(dest)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		res.n++
		if id, ok := dest[0].(int64); ok {
			res.id = id
		}
	}
	return res, rows.Close()
}

// pgConnLost is an error of the connection to the server (not of the SQL):
// a write that meets it fails as unavailable (pg.go pgBusy), like a busy SQLite.
type pgConnLost struct{ err error }

func (e *pgConnLost) Error() string { return e.err.Error() }
func (e *pgConnLost) Unwrap() error { return e.err }

// As lets a lost connection read as the coded error the doors answer 503
// with Retry-After (store.unreachable), wherever it surfaces — a read as
// well as a write — rather than as an internal error.
func (e *pgConnLost) As(target any) bool {
	t, ok := target.(**scheduler.Error)
	if ok {
		*t = scheduler.E(scheduler.EUNAVAILABLE, "", "store.unreachable", "seconds", RetryAfter)
	}
	return ok
}

// connLost marks err as pgConnLost when the connection failed: the network,
// the server going away, or no connection made. driver.ErrBadConn and the
// context's own errors stay as they are (database/sql acts on them).
func connLost(err error) error {
	if err == nil || errors.Is(err, driver.ErrBadConn) || errors.Is(err, context.Canceled) ||
		errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	var ne net.Error
	var ce *pgconn.ConnectError
	if errors.As(err, &ne) || errors.As(err, &ce) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		return &pgConnLost{err}
	}
	return err
}

// pgInsertResult is the result of an INSERT … RETURNING id.
type pgInsertResult struct{ id, n int64 }

func (r pgInsertResult) LastInsertId() (int64, error) { return r.id, nil }
func (r pgInsertResult) RowsAffected() (int64, error) { return r.n, nil }

// pgStmt is a statement: its text, run on its connection.
type pgStmt struct {
	c     *pgConn
	query string
}

func (s *pgStmt) Close() error  { return nil }
func (s *pgStmt) NumInput() int { return -1 }
func (s *pgStmt) Exec(args []driver.Value) (driver.Result, error) {
	return nil, errors.New("store: Stmt.Exec is not supported")
}
func (s *pgStmt) Query(args []driver.Value) (driver.Rows, error) {
	return nil, errors.New("store: Stmt.Query is not supported")
}
func (s *pgStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.c.ExecContext(ctx, s.query, args)
}
func (s *pgStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.c.QueryContext(ctx, s.query, args)
}
func (s *pgStmt) CheckNamedValue(nv *driver.NamedValue) error { return s.c.CheckNamedValue(nv) }

// pgRewrite is a rewritten text: the SQL and whether it returns the ids it inserts.
type pgRewrite struct {
	sql       string
	returning bool
}

var pgRewrites sync.Map // SQL text → pgRewrite

// pgSQL rewrites query for PostgreSQL (see the top of this file), once per text.
func pgSQL(query string) (string, bool) {
	if r, ok := pgRewrites.Load(query); ok {
		r := r.(pgRewrite)
		return r.sql, r.returning
	}
	r := pgRewrite{sql: pgPlaceholders(query)}
	if m := insertInto.FindStringSubmatch(r.sql); m != nil && identityTables()[strings.ToLower(m[1])] &&
		!returningClause.MatchString(r.sql) {
		r.sql = strings.TrimRight(r.sql, " \t\r\n;") + " RETURNING id"
		r.returning = true
	}
	pgRewrites.Store(query, r)
	return r.sql, r.returning
}

var (
	insertInto      = regexp.MustCompile(`(?is)^\s*INSERT\s+INTO\s+"?(\w+)"?`)
	returningClause = regexp.MustCompile(`(?i)\bRETURNING\b`)
	identityTable   = regexp.MustCompile(`(?i)CREATE TABLE (\w+) \(\s*id\s+BIGINT GENERATED BY DEFAULT AS IDENTITY`)
)

// identityTables is the set of tables whose id is an identity column, read
// from the PostgreSQL migrations.
var identityTables = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	names, _ := migrationFS.ReadDir("migrations/pg")
	for _, n := range names {
		body, err := migrationFS.ReadFile("migrations/pg/" + n.Name())
		if err != nil {
			continue
		}
		for _, m := range identityTable.FindAllStringSubmatch(string(body), -1) {
			set[strings.ToLower(m[1])] = true
		}
	}
	return set
})

// pgPlaceholders turns SQLite's "?" and "?NNN" parameters into "$n" (a bare
// "?" takes the number after the largest so far, as in SQLite), leaving
// quoted literals, quoted names, comments and dollar-quoted bodies alone.
func pgPlaceholders(q string) string {
	if !strings.Contains(q, "?") {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	last := 0
	for i := 0; i < len(q); i++ {
		switch ch := q[i]; {
		case ch == '\'' || ch == '"':
			j := skipQuoted(q, i, ch)
			b.WriteString(q[i:j])
			i = j - 1
		case ch == '-' && i+1 < len(q) && q[i+1] == '-':
			j := strings.IndexByte(q[i:], '\n')
			if j < 0 {
				j = len(q) - i
			}
			b.WriteString(q[i : i+j])
			i += j - 1
		case ch == '$' && i+1 < len(q) && q[i+1] == '$':
			j := strings.Index(q[i+2:], "$$")
			if j < 0 {
				b.WriteString(q[i:])
				return b.String()
			}
			b.WriteString(q[i : i+2+j+2])
			i += 2 + j + 1
		case ch == '?':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			n := last + 1
			if j > i+1 {
				n, _ = strconv.Atoi(q[i+1 : j])
			}
			last = max(last, n)
			b.WriteString("$" + strconv.Itoa(n))
			i = j - 1
		default:
			b.WriteByte(ch)
		}
	}
	return b.String()
}

// skipQuoted returns the index just past the quoted text that starts at i
// (a doubled quote inside stays in it).
func skipQuoted(q string, i int, quote byte) int {
	for j := i + 1; j < len(q); j++ {
		if q[j] == quote {
			if j+1 < len(q) && q[j+1] == quote {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(q)
}

// redactDSN hides the password of any postgres:// URL, or password=… setting, in s.
func redactDSN(s string) string {
	s = dsnPassword.ReplaceAllString(s, "${1}xxxxx@")
	return kvPassword.ReplaceAllString(s, "${1}xxxxx")
}

var (
	dsnPassword = regexp.MustCompile(`(postgres(?:ql)?://[^:/@\s]*:)[^@\s]*@`)
	kvPassword  = regexp.MustCompile(`(?i)(password=)[^\s&]*`)
)
