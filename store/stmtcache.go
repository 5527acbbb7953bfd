package store

import (
	"context"
	"database/sql"
	"sync"
)

// stmtCache keeps the statements of the reads, prepared on a pool, by their
// SQL: modernc's driver prepares every query anew, and parsing the SQL was
// a sixth of a busy server's time. database/sql prepares a cached statement
// once on each connection of the pool that runs it, and keeps it there.
type stmtCache struct {
	mu      sync.Mutex
	stmts   map[string]*sql.Stmt
	pending map[string]bool // being prepared in the background
	closed  bool
	// The background preparations: close cancels them and waits for them,
	// so that none holds a connection once the store has closed (a test's
	// temporary folder could not be removed while one did).
	bg     sync.WaitGroup
	bgCtx  context.Context
	cancel context.CancelFunc
}

// maxCachedStmts bounds the cache: queries whose SQL varies (a list of ids)
// past it are prepared each time, as before.
const maxCachedStmts = 256

// stmt returns the statement of query prepared on db, preparing it once
// (outside the lock: preparing waits for a connection of the pool).
func (c *stmtCache) stmt(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	st, ok := c.stmts[query]
	full := c.closed || len(c.stmts) >= maxCachedStmts
	c.mu.Unlock()
	if ok || full {
		return st, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if prev, ok := c.stmts[query]; ok || c.closed { // another request prepared it meanwhile, or the store closed
		st.Close()
		return prev, nil
	}
	c.keep(query, st)
	return st, nil
}

func (c *stmtCache) keep(query string, st *sql.Stmt) {
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
}

// ready returns the statement of query if it is prepared, and else has it
// prepared on db in the background, for the next time: a transaction holds
// a connection of db, and preparing takes one (with a pool of one
// connection, it would wait for itself).
func (c *stmtCache) ready(db *sql.DB, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok || c.closed || c.pending[query] || len(c.stmts)+len(c.pending) >= maxCachedStmts {
		return st
	}
	if c.pending == nil {
		c.pending = map[string]bool{}
	}
	c.pending[query] = true
	if c.bgCtx == nil {
		c.bgCtx, c.cancel = context.WithCancel(context.Background())
	}
	ctx := c.bgCtx
	c.bg.Add(1)
	go func() {
		defer c.bg.Done()
		st, err := db.PrepareContext(ctx, query)
		c.mu.Lock()
		defer c.mu.Unlock()
		delete(c.pending, query)
		switch {
		case err != nil:
		case c.closed:
			st.Close()
		default:
			c.keep(query, st)
		}
	}()
	return nil
}

// close closes every statement, after the background preparations have
// ended (cancelled).
func (c *stmtCache) close() {
	c.mu.Lock()
	c.closed = true
	if c.cancel != nil {
		c.cancel()
	}
	c.mu.Unlock()
	c.bg.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}

// prepared returns the statement of query for q, prepared once: on the
// read pool, or on the write pool for a transaction (every transaction of
// the store is a write's; database/sql keeps the statement on each
// connection it was prepared on). nil when the cache is full or q is
// something else.
func (s *Store) prepared(ctx context.Context, q queryer, query string) *sql.Stmt {
	var st *sql.Stmt
	var err error
	switch q := q.(type) {
	case *sql.DB:
		if q != s.rdb {
			return nil
		}
		st, err = s.stmts.stmt(ctx, q, query)
	case *sql.Tx:
		if st = s.wstmts.ready(s.wdb, query); st != nil {
			st = q.StmtContext(ctx, st)
		}
	}
	if err != nil {
		return nil
	}
	return st
}

// errOtherDB is database/sql's answer to a statement used in a transaction
// of another pool: then the query runs unprepared.
const errOtherDB = "sql: Tx.Stmt: statement from different database used"

// query runs a read on q with its prepared statement.
func (s *Store) query(ctx context.Context, q queryer, query string, args ...any) (*sql.Rows, error) {
	if st := s.prepared(ctx, q, query); st != nil {
		rows, err := st.QueryContext(ctx, args...)
		if err == nil || err.Error() != errOtherDB {
			return rows, err
		}
	}
	return q.QueryContext(ctx, query, args...)
}

// queryRow is query for one row.
func (s *Store) queryRow(ctx context.Context, q queryer, query string, args ...any) *sql.Row {
	if _, ok := q.(*sql.DB); ok {
		if st := s.prepared(ctx, q, query); st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return q.QueryRowContext(ctx, query, args...)
}

// execTx runs a write in tx with its prepared statement.
func (s *Store) execTx(ctx context.Context, tx *sql.Tx, query string, args ...any) (sql.Result, error) {
	if st := s.prepared(ctx, tx, query); st != nil {
		res, err := st.ExecContext(ctx, args...)
		if err == nil || err.Error() != errOtherDB {
			return res, err
		}
	}
	return tx.ExecContext(ctx, query, args...)
}
