package store_test

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/scheduler/notify"
	"catruc/store"
	"catruc/store/storetest"
)

// instances opens n stores on one new database (one schema on PostgreSQL):
// n instances of catruc sharing it.
func instances(t *testing.T, n int) []*store.Store {
	t.Helper()
	dsn := storetest.DSN(t)
	var out []*store.Store
	for range n {
		s, err := store.Open(context.Background(), dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}

func pgOnly(t *testing.T) {
	if !storetest.Postgres() {
		t.Skip("several instances share a PostgreSQL database only (" + storetest.Env + ")")
	}
}

var fastLead = store.LeadOptions{Retry: 100 * time.Millisecond, Ping: 50 * time.Millisecond}

// lead starts each store's leadership, counting each one's losses.
func lead(t *testing.T, sts []*store.Store) ([]*store.Leadership, []*atomic.Int32) {
	var ls []*store.Leadership
	var losses []*atomic.Int32
	for _, st := range sts {
		lost := &atomic.Int32{}
		l := st.Lead(context.Background(), func(leads bool) {
			if !leads {
				lost.Add(1)
			}
		}, fastLead)
		t.Cleanup(l.Stop)
		ls, losses = append(ls, l), append(losses, lost)
	}
	return ls, losses
}

// oneLeader waits until exactly one leads, checks that it stays so a while, and returns it.
func oneLeader(t *testing.T, ls []*store.Leadership) int {
	t.Helper()
	count := func() (n, who int) {
		for i, l := range ls {
			if l.IsLeader() {
				n, who = n+1, i
			}
		}
		return n, who
	}
	waitFor(t, func() bool { n, _ := count(); return n == 1 })
	for range 10 {
		time.Sleep(30 * time.Millisecond)
		if n, _ := count(); n != 1 {
			t.Fatalf("%d leaders", n)
		}
	}
	_, who := count()
	return who
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not met in 30 s")
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// Ensure a store on SQLite leads at once, and until it stops.
func TestLeadSQLiteAlways(t *testing.T) {
	if storetest.Postgres() {
		t.Skip("sqlite only")
	}
	st := storetest.Open(t)
	became := make(chan bool, 2)
	l := st.Lead(context.Background(), func(b bool) { became <- b })
	if !l.IsLeader() || !<-became {
		t.Fatal("a store on SQLite does not lead")
	}
	l.Stop()
	if l.IsLeader() || <-became {
		t.Fatal("a stopped leadership still leads")
	}
}

// Ensure exactly one of three instances leads, and another takes over when the leader stops.
func TestLeadTakeover(t *testing.T) {
	pgOnly(t)
	ls, _ := lead(t, instances(t, 3))
	first := oneLeader(t, ls)
	ls[first].Stop()
	if ls[first].IsLeader() {
		t.Fatal("a stopped instance still leads")
	}
	if second := oneLeader(t, ls); second == first {
		t.Fatalf("instance %d leads again after it stopped", first)
	}
}

// Ensure a leader whose database session dies steps down at once, and that
// one instance leads again afterwards.
func TestLeadStepsDownWhenItsSessionDies(t *testing.T) {
	pgOnly(t)
	sts := instances(t, 2)
	ls, losses := lead(t, sts)
	who := oneLeader(t, ls)
	var killed int
	if err := sts[1-who].DB().QueryRow(`SELECT COUNT(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND granted AND objsubid = 1
		AND ((classid::bigint << 32) | objid::bigint) = ` + store.LeaderKeySQL).Scan(&killed); err != nil || killed != 1 {
		t.Fatalf("killed %d sessions: %v", killed, err)
	}
	waitFor(t, func() bool { return losses[who].Load() == 1 })
	oneLeader(t, ls)
}

// Ensure what one instance broadcasts reaches the listeners of every
// instance on the database, Vietnamese intact, and none of another database.
func TestBroadcastReachesEveryInstance(t *testing.T) {
	pgOnly(t)
	sts := instances(t, 2)
	other := storetest.Open(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	type heard struct{ who, payload string }
	got := make(chan heard, 10)
	ready := make(chan struct{}, 3)
	for who, st := range map[string]*store.Store{"a": sts[0], "b": sts[1], "other": other} {
		go st.Listen(ctx, "alerts", func(b []byte) { got <- heard{who, string(b)} },
			store.ListenHooks{Ready: func() { ready <- struct{}{} }})
	}
	for range 3 {
		select {
		case <-ready:
		case <-time.After(30 * time.Second):
			t.Fatal("listeners not ready")
		}
	}
	const msg = `{"message_vi":"Trạm gác cổng chính thiếu người"}`
	if err := sts[0].Broadcast(ctx, "alerts", []byte(msg)); err != nil {
		t.Fatal(err)
	}
	seen := map[string]string{}
	for range 2 {
		select {
		case h := <-got:
			seen[h.who] = h.payload
		case <-time.After(30 * time.Second):
			t.Fatalf("heard only %v", seen)
		}
	}
	if seen["a"] != msg || seen["b"] != msg {
		t.Fatalf("heard %v", seen)
	}
	select {
	case h := <-got:
		t.Fatalf("heard again: %+v", h)
	case <-time.After(300 * time.Millisecond):
	}
	if err := sts[0].Broadcast(ctx, "alerts", make([]byte, store.MaxBroadcast+1)); err != store.ErrBroadcastTooLarge {
		t.Fatalf("a payload over the limit: %v", err)
	}
}

// Ensure two instances' senders, flushing at once over and over, deliver
// every notification exactly once, and that each is recorded sent.
func TestOutboxDeliveredOnceAcrossInstances(t *testing.T) {
	pgOnly(t)
	ctx := context.Background()
	sts := instances(t, 2)
	if _, err := sts[0].SetNotificationSettings(ctx, scheduler.NotificationSettings{EscalateAfterMinutes: 30,
		SMTP: scheduler.SMTP{Host: "127.0.0.1", Port: 2525, From: "catruc@example.vn", TLS: "none"}}, false); err != nil {
		t.Fatal(err)
	}
	const n = 120
	var ns []*scheduler.Notification
	for i := range n {
		ns = append(ns, &scheduler.Notification{Channel: scheduler.ChannelEmail, Recipient: fmt.Sprintf("bv%d@example.vn", i),
			Type: scheduler.TypeShiftChanged, Subject: "Ca trực thay đổi", BodyText: "Ca trực của anh đã đổi",
			DedupeKey: fmt.Sprintf("test:%d", i)})
	}
	if q, err := sts[0].Enqueue(ctx, ns); err != nil || q != n {
		t.Fatalf("queued %d, %v", q, err)
	}
	var mu sync.Mutex
	got := map[int64][]int{}
	var wg sync.WaitGroup
	for i, st := range sts {
		sender := &notify.Sender{Outbox: st, Email: func(_ context.Context, _ scheduler.SMTP, n *scheduler.Notification) error {
			mu.Lock()
			got[n.ID] = append(got[n.ID], i)
			mu.Unlock()
			time.Sleep(time.Millisecond) // a delivery takes a while: the other sender comes meanwhile
			return nil
		}}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if _, _, err := sender.Flush(ctx); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	by := [2]int{}
	for id, who := range got {
		if len(who) != 1 {
			t.Errorf("notification %d delivered %d times (by %v)", id, len(who), who)
		}
		by[who[0]]++
	}
	if len(got) != n {
		t.Errorf("%d of %d notifications delivered", len(got), n)
	}
	sent, err := sts[1].FindNotifications(ctx, scheduler.NotifySent, 1000)
	if err != nil || len(sent) != n {
		t.Fatalf("%d recorded sent, %v", len(sent), err)
	}
	t.Logf("delivered by instance: %v", by)
}

// Ensure a notification claimed by an instance that died is kept from the
// others until its lease ends, and is then claimed (and delivered) by another.
func TestOutboxLeaseOfADeadInstance(t *testing.T) {
	pgOnly(t)
	ctx := context.Background()
	sts := instances(t, 2)
	n := &scheduler.Notification{Channel: scheduler.ChannelEmail, Recipient: "an@example.vn", Type: scheduler.TypeShiftChanged,
		Subject: "Nhắc ca trực", BodyText: "Ca trực lúc 07:00", DedupeKey: "test:lease"}
	if _, err := sts[0].Enqueue(ctx, []*scheduler.Notification{n}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(time.Minute)
	if due, err := sts[0].DueNotifications(ctx, now, 10); err != nil || len(due) != 1 || due[0].Subject != "Nhắc ca trực" {
		t.Fatalf("the first claim: %v, %v", due, err)
	}
	// Instance 0 dies here, its claim unrecorded.
	for _, at := range []time.Time{now, now.Add(store.OutboxLease - time.Second)} {
		if due, err := sts[1].DueNotifications(ctx, at, 10); err != nil || len(due) != 0 {
			t.Fatalf("at %v, within the lease, another instance got %d: %v", at, len(due), err)
		}
	}
	due, err := sts[1].DueNotifications(ctx, now.Add(store.OutboxLease), 10)
	if err != nil || len(due) != 1 || due[0].ID != n.ID {
		t.Fatalf("after the lease: %v, %v", due, err)
	}
	if err := sts[1].MarkSent(ctx, n.ID, now.Add(store.OutboxLease)); err != nil {
		t.Fatal(err)
	}
	if due, err := sts[0].DueNotifications(ctx, now.Add(2*store.OutboxLease), 10); err != nil || len(due) != 0 {
		t.Fatalf("a sent notification claimed again: %v, %v", due, err)
	}
}

// Ensure an instance that stops gives its claims back at once.
func TestOutboxReleaseClaims(t *testing.T) {
	pgOnly(t)
	ctx := context.Background()
	sts := instances(t, 2)
	n := &scheduler.Notification{Channel: scheduler.ChannelEmail, Recipient: "an@example.vn", Type: scheduler.TypeShiftChanged,
		Subject: "Nhắc ca trực", DedupeKey: "test:release"}
	if _, err := sts[0].Enqueue(ctx, []*scheduler.Notification{n}); err != nil {
		t.Fatal(err)
	}
	now := time.Now().Add(time.Minute)
	if due, err := sts[0].DueNotifications(ctx, now, 10); err != nil || len(due) != 1 {
		t.Fatalf("claim: %v, %v", due, err)
	}
	if err := sts[0].ReleaseClaims(ctx); err != nil {
		t.Fatal(err)
	}
	if due, err := sts[1].DueNotifications(ctx, now, 10); err != nil || len(due) != 1 {
		t.Fatalf("after the release, another instance got %v, %v", due, err)
	}
}
