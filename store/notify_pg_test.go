package store

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// Ensure a payload notified on one connection of a schema reaches a listener
// of that schema, Vietnamese intact, and no listener of another schema.
func TestListenPGOneSchema(t *testing.T) {
	same, other := rawPG(t, 2), rawPG(t, 1)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type heard struct{ who, payload string }
	got := make(chan heard, 10)
	ready := make(chan struct{}, 2)
	for who, db := range map[string]*sql.DB{"same": same[0], "other": other[0]} {
		go listenOnce(ctx, db, "alerts", func() { ready <- struct{}{} },
			func(b []byte) { got <- heard{who, string(b)} })
	}
	for range 2 {
		select {
		case <-ready:
		case <-time.After(20 * time.Second):
			t.Fatal("listeners not ready")
		}
	}
	const msg = `{"message_vi":"Trạm gác cổng chính thiếu người"}`
	if _, err := same[1].Exec(`SELECT pg_notify(`+channelSQL+`, $2)`, "alerts", msg); err != nil {
		t.Fatal(err)
	}
	select {
	case h := <-got:
		if h != (heard{"same", msg}) {
			t.Fatalf("heard %+v", h)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("nothing heard")
	}
	select {
	case h := <-got:
		t.Fatalf("heard again: %+v", h)
	case <-time.After(300 * time.Millisecond):
	}
}
