package engine

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"catruc/scheduler"
)

// memBus is a bus between hubs of one process, as PostgreSQL's NOTIFY is
// between instances: every listener hears every payload, its sender's too.
type memBus struct {
	mu        sync.Mutex
	listeners []chan []byte
	largest   int
}

func (b *memBus) Broadcast(_ context.Context, _ string, p []byte) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.largest = max(b.largest, len(p))
	for _, l := range b.listeners {
		l <- append([]byte(nil), p...)
	}
	return nil
}

func (b *memBus) Listen(ctx context.Context, _ string, fn func([]byte)) error {
	ch := make(chan []byte, 100)
	b.mu.Lock()
	b.listeners = append(b.listeners, ch)
	b.mu.Unlock()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case p := <-ch:
			fn(p)
		}
	}
}

// loader finds one incident by id.
type loader struct{ inc *scheduler.Incident }

func (l loader) FindAlerts(context.Context, scheduler.AlertFilter) ([]*scheduler.Alert, error) {
	return nil, nil
}
func (l loader) FindIncidentByID(_ context.Context, id int64) (*scheduler.Incident, error) {
	if id != l.inc.ID {
		return nil, scheduler.NotFound("incident", id)
	}
	return l.inc, nil
}

func next(t *testing.T, ch <-chan AlertEvent) AlertEvent {
	t.Helper()
	select {
	case ev := <-ch:
		return ev
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
		return AlertEvent{}
	}
}

func none(t *testing.T, ch <-chan AlertEvent) {
	t.Helper()
	select {
	case ev := <-ch:
		t.Fatalf("an extra event: %+v", ev)
	case <-time.After(200 * time.Millisecond):
	}
}

// Ensure an event published on one bridged hub reaches the other hub's
// subscribers once, its own subscribers once (not echoed back), and that an
// event too large for the bus goes by id and is read back in full.
func TestHubBridge(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	bus := &memBus{}
	long := &scheduler.Incident{ID: 7, Timeline: make([]scheduler.TimelineEntry, 300)}
	for i := range long.Timeline {
		long.Timeline[i].Note = strings.Repeat("Bảo vệ cổng chính ", 3)
	}
	a, b := NewHub(), NewHub()
	a.Bridge(ctx, bus, bus, loader{long}, nil)
	b.Bridge(ctx, bus, bus, loader{long}, nil)
	for bus.count() < 2 {
		time.Sleep(10 * time.Millisecond)
	}
	subA, stopA := a.Subscribe()
	defer stopA()
	subB, stopB := b.Subscribe()
	defer stopB()

	alert := &scheduler.Alert{ID: 3, Kind: "gap", MessageVI: "Trạm gác thiếu 1 người", Version: 2}
	a.Publish(AlertEvent{Type: scheduler.TypeAlertOpened, Alert: alert})
	for name, ch := range map[string]<-chan AlertEvent{"a": subA, "b": subB} {
		ev := next(t, ch)
		if ev.Type != scheduler.TypeAlertOpened || ev.Alert == nil || ev.Alert.MessageVI != alert.MessageVI || ev.Alert.Version != 2 {
			t.Fatalf("hub %s got %+v", name, ev)
		}
	}
	none(t, subA)
	none(t, subB)

	b.Publish(AlertEvent{Type: "incident.declared", Incident: long})
	ev := next(t, subA)
	if ev.Incident == nil || len(ev.Incident.Timeline) != 300 || ev.Incident.Timeline[299].Note != long.Timeline[0].Note {
		t.Fatalf("the large incident arrived as %+v", ev)
	}
	if bus.largest > MaxWire {
		t.Fatalf("a payload of %d bytes went on the bus", bus.largest)
	}
	next(t, subB)
	none(t, subA)
	none(t, subB)
}

func (b *memBus) count() int { b.mu.Lock(); defer b.mu.Unlock(); return len(b.listeners) }
