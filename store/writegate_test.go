package store

import (
	"context"
	"testing"
	"time"
)

// Ensure the write gate lets one writer in at a time, hands the turn to a
// waiting writer as soon as the last one leaves, and lets a writer that
// waited its time out (or whose request ended) go on to SQLite's own busy
// handling rather than wait for ever.
func TestWriteGate(t *testing.T) {
	g := newWriteGate()
	leave := g.enter(context.Background(), time.Minute)
	entered := make(chan func())
	go func() { entered <- g.enter(context.Background(), time.Minute) }()
	select {
	case <-entered:
		t.Fatal("a second writer entered while the first was in")
	case <-time.After(50 * time.Millisecond):
	}
	leave()
	select {
	case leave2 := <-entered:
		leave2()
	case <-time.After(10 * time.Second):
		t.Fatal("the waiting writer did not enter when the first left")
	}

	leave = g.enter(context.Background(), time.Minute)
	defer leave()
	done := make(chan struct{})
	go func() { g.enter(context.Background(), 10*time.Millisecond)(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a writer whose wait ran out did not go on")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	done = make(chan struct{})
	go func() { g.enter(ctx, time.Minute)(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("a writer whose request ended did not go on")
	}
	// The no-op turns of the writers that went on left the gate held by the first.
	select {
	case g <- struct{}{}:
		t.Fatal("the gate is free while a writer is in")
	default:
	}
}
