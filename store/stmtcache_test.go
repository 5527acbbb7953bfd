package store

import (
	"context"
	"testing"
	"time"
)

// Ensure a read runs in any transaction with the statements cached for
// write transactions: in one of the write pool, with them; in one of the
// read pool (whose statements database/sql refuses), as it is.
func TestCachedStatementsInTransactions(t *testing.T) {
	s := openTest(t, "")
	ctx := context.Background()
	const q = `SELECT COUNT(*) FROM posts WHERE id > ?`
	for _, db := range []string{"write", "read"} {
		for round := range 3 {
			pool := s.wdb
			if db == "read" {
				pool = s.rdb
			}
			tx, err := pool.BeginTx(ctx, nil)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := s.query(ctx, tx, q, 0)
			if err != nil {
				t.Fatalf("%s transaction, round %d: %v", db, round, err)
			}
			rows.Close()
			if _, err := s.execTx(ctx, tx, `UPDATE posts SET name = name WHERE id < ?`, 0); err != nil && db == "write" {
				t.Fatalf("write transaction, round %d: %v", round, err)
			}
			tx.Rollback()
			// The first use prepares the statement in the background.
			for deadline := time.Now().Add(10 * time.Second); s.wstmts.ready(s.wdb, q) == nil && time.Now().Before(deadline); {
				time.Sleep(5 * time.Millisecond)
			}
		}
	}
}
