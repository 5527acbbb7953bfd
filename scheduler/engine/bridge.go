package engine

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"log/slog"

	"catruc/scheduler"
)

// Several instances on one database: an alert raised, acknowledged or
// resolved on one instance reaches the live streams of every other one. The
// hub hands each event it publishes to a Bus (the store: PostgreSQL's
// LISTEN/NOTIFY), and publishes locally the events that come back from the
// others; its own come back too and are dropped, by their origin.

// Bus carries payloads between the instances on one database.
type Bus interface {
	// Broadcast sends payload (at most MaxWire bytes) to every instance's listeners of topic.
	Broadcast(ctx context.Context, topic string, payload []byte) error
}

// MaxWire is the largest payload the hub broadcasts (PostgreSQL's NOTIFY
// carries less than 8000 bytes); a larger event goes by id.
const MaxWire = 7900

// Listener hears what the instances broadcast: Listen calls fn with each
// payload of topic until ctx ends.
type Listener interface {
	Listen(ctx context.Context, topic string, fn func([]byte)) error
}

// ListenFunc is a function that is a Listener.
type ListenFunc func(ctx context.Context, topic string, fn func([]byte)) error

// Listen calls f.
func (f ListenFunc) Listen(ctx context.Context, topic string, fn func([]byte)) error {
	return f(ctx, topic, fn)
}

// EventLoader reads the alert or incident of an event too large to be
// carried whole (an incident's long timeline): the others read it back by id.
type EventLoader interface {
	FindAlerts(ctx context.Context, f scheduler.AlertFilter) ([]*scheduler.Alert, error)
	FindIncidentByID(ctx context.Context, id int64) (*scheduler.Incident, error)
}

// AlertsTopic is the Bus topic of the live alert events.
const AlertsTopic = "alerts"

// relayQueue bounds the events waiting to be broadcast; past it they are
// dropped (a live stream loses events rather than slowing the sweep).
const relayQueue = 256

// wireEvent is an event on the bus: whole, or by id when too large.
type wireEvent struct {
	Origin     string      `json:"origin"`
	Event      *AlertEvent `json:"event,omitempty"`
	Type       string      `json:"type,omitempty"`
	AlertID    int64       `json:"alert_id,omitempty"`
	IncidentID int64       `json:"incident_id,omitempty"`
}

// Bridge connects the hub to the other instances until ctx ends: what
// Publish sends is broadcast too (in order, from one goroutine), and what
// the others broadcast is published here. It returns at once.
func (h *Hub) Bridge(ctx context.Context, bus Bus, listen Listener, load EventLoader, log *slog.Logger) {
	if log == nil {
		log = slog.Default()
	}
	var id [8]byte
	_, _ = rand.Read(id[:])
	origin := hex.EncodeToString(id[:])
	out := make(chan AlertEvent, relayQueue)
	h.mu.Lock()
	h.relay = out
	h.mu.Unlock()
	go func() {
		for {
			select {
			case <-ctx.Done():
				h.mu.Lock()
				h.relay = nil
				h.mu.Unlock()
				return
			case ev := <-out:
				if err := broadcast(ctx, bus, origin, ev); err != nil && ctx.Err() == nil {
					log.Warn("live alert event not sent to the other instances", "type", ev.Type, "err", err)
				}
			}
		}
	}()
	go func() {
		_ = listen.Listen(ctx, AlertsTopic, func(b []byte) { h.receive(ctx, origin, b, load, log) })
	}()
}

// broadcast sends ev whole, or by id when it is too large.
func broadcast(ctx context.Context, bus Bus, origin string, ev AlertEvent) error {
	b, err := json.Marshal(wireEvent{Origin: origin, Event: &ev})
	if err != nil {
		return err
	}
	if len(b) > MaxWire {
		w := wireEvent{Origin: origin, Type: ev.Type}
		if ev.Alert != nil {
			w.AlertID = ev.Alert.ID
		}
		if ev.Incident != nil {
			w.IncidentID = ev.Incident.ID
		}
		if b, err = json.Marshal(w); err != nil {
			return err
		}
	}
	return bus.Broadcast(ctx, AlertsTopic, b)
}

// receive publishes here an event another instance broadcast.
func (h *Hub) receive(ctx context.Context, origin string, b []byte, load EventLoader, log *slog.Logger) {
	var w wireEvent
	if err := json.Unmarshal(b, &w); err != nil {
		log.Warn("live alert event from another instance unreadable", "err", err)
		return
	}
	if w.Origin == origin {
		return // ours, published here already
	}
	if w.Event == nil {
		ev, err := loadEvent(ctx, w, load)
		if err != nil {
			log.Warn("live alert event from another instance: cannot read it", "type", w.Type, "err", err)
			return
		}
		w.Event = ev
	}
	h.publishLocal(*w.Event)
}

// loadEvent reads back the alert or incident of an event sent by id.
func loadEvent(ctx context.Context, w wireEvent, load EventLoader) (*AlertEvent, error) {
	ev := &AlertEvent{Type: w.Type}
	if w.IncidentID != 0 {
		inc, err := load.FindIncidentByID(ctx, w.IncidentID)
		if err != nil {
			return nil, err
		}
		ev.Incident = inc
		return ev, nil
	}
	id := w.AlertID
	as, err := load.FindAlerts(ctx, scheduler.AlertFilter{ID: &id})
	if err != nil {
		return nil, err
	}
	if len(as) == 0 {
		return nil, scheduler.NotFound("alert", id)
	}
	ev.Alert = as[0]
	return ev, nil
}
