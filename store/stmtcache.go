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
	mu    sync.Mutex
	stmts map[string]*sql.Stmt
}

// maxCachedStmts bounds the cache: queries whose SQL varies (a list of ids)
// past it are prepared each time, as before.
const maxCachedStmts = 256

// stmt returns the statement of query prepared on db, preparing it once.
func (c *stmtCache) stmt(ctx context.Context, db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st, ok := c.stmts[query]; ok {
		return st, nil
	}
	if len(c.stmts) >= maxCachedStmts {
		return nil, nil
	}
	st, err := db.PrepareContext(ctx, query)
	if err != nil {
		return nil, err
	}
	if c.stmts == nil {
		c.stmts = map[string]*sql.Stmt{}
	}
	c.stmts[query] = st
	return st, nil
}

// close closes every statement.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, st := range c.stmts {
		st.Close()
	}
	c.stmts = nil
}

// query runs a read on q: on the read pool with its prepared statement,
// else (a transaction, the write pool) as it is.
func (s *Store) query(ctx context.Context, q queryer, query string, args ...any) (*sql.Rows, error) {
	if db, ok := q.(*sql.DB); ok && db == s.rdb {
		st, err := s.stmts.stmt(ctx, db, query)
		if err != nil {
			return nil, err
		}
		if st != nil {
			return st.QueryContext(ctx, args...)
		}
	}
	return q.QueryContext(ctx, query, args...)
}

// queryRow is query for one row.
func (s *Store) queryRow(ctx context.Context, q queryer, query string, args ...any) *sql.Row {
	if db, ok := q.(*sql.DB); ok && db == s.rdb {
		if st, err := s.stmts.stmt(ctx, db, query); err == nil && st != nil {
			return st.QueryRowContext(ctx, args...)
		}
	}
	return q.QueryRowContext(ctx, query, args...)
}
