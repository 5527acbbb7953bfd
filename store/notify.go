package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// Messages between the instances on one database: PostgreSQL's
// LISTEN/NOTIFY. A topic is a channel of its own per database and schema,
// so that offices in other schemas of one server never hear each other.
// On SQLite one instance serves a file: Broadcast sends nothing, Listen hears nothing.

// MaxBroadcast is the largest payload Broadcast sends (PostgreSQL's limit is 8000 bytes).
const MaxBroadcast = 7900

// listenRetry is the wait before Listen connects again after losing its connection.
const listenRetry = time.Second

// channelSQL names topic $1's channel in this database and schema.
const channelSQL = `'catruc_' || ? || '_' || substr(md5(current_database() || '.' || current_schema()), 1, 12)`

// ErrBroadcastTooLarge is Broadcast's answer to a payload over MaxBroadcast bytes.
var ErrBroadcastTooLarge = errors.New("store: broadcast payload too large")

// Broadcast sends payload to the listeners of topic (letters, digits and
// underscores) on every instance, this one included, when the current
// transaction — none here: at once — commits.
func (s *Store) Broadcast(ctx context.Context, topic string, payload []byte) error {
	if !s.pg {
		return nil
	}
	if len(payload) > MaxBroadcast {
		return ErrBroadcastTooLarge
	}
	_, err := s.wdb.ExecContext(ctx, `SELECT pg_notify(`+channelSQL+`, ?)`, topic, string(payload))
	return err
}

// ListenHooks tell a listener's owner how its listening goes; nil fields are skipped.
type ListenHooks struct {
	Ready func()      // the listening started (again)
	Lost  func(error) // the connection was lost (or could not be had); Listen tries again
}

// Listen calls fn with every payload broadcast on topic, in order, from one
// goroutine, until ctx ends; it listens on a connection of its own and
// connects again (after listenRetry) when that is lost — what is broadcast
// meanwhile is not heard. On SQLite it waits for ctx. It returns ctx's error.
func (s *Store) Listen(ctx context.Context, topic string, fn func([]byte), hooks ListenHooks) error {
	if !s.pg {
		<-ctx.Done()
		return ctx.Err()
	}
	for {
		err := listenOnce(ctx, s.wdb, topic, hooks.Ready, fn)
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if hooks.Lost != nil {
			hooks.Lost(err)
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(listenRetry):
		}
	}
}

// listenOnce listens on one connection until it fails or ctx ends; the
// connection is closed afterwards, never returned to the pool listening.
func listenOnce(ctx context.Context, db *sql.DB, topic string, ready func(), fn func([]byte)) error {
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var channel string
	if err := conn.QueryRowContext(ctx, `SELECT `+channelSQL, topic).Scan(&channel); err != nil {
		return err
	}
	var lerr error
	_ = conn.Raw(func(dc any) error {
		var pc *pgx.Conn
		switch c := dc.(type) {
		case *pgConn:
			pc = c.c.Conn()
		case *stdlib.Conn:
			pc = c.Conn()
		default:
			lerr = fmt.Errorf("store: listen: the driver is %T, not pgx", dc)
			return driver.ErrBadConn
		}
		lerr = waitNotifications(ctx, pc, channel, ready, fn)
		return driver.ErrBadConn // the session listens: it is not to be reused
	})
	return lerr
}

func waitNotifications(ctx context.Context, pc *pgx.Conn, channel string, ready func(), fn func([]byte)) error {
	if _, err := pc.Exec(ctx, `LISTEN `+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	if ready != nil {
		ready()
	}
	for {
		n, err := pc.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		fn([]byte(n.Payload))
	}
}
