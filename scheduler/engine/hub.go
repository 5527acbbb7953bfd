package engine

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"catruc/scheduler"
)

// AlertEvent is one change of an alert, as the live stream sends it.
type AlertEvent struct {
	Type  string           `json:"type"` // alert.opened, alert.updated, alert.escalated, alert.resolved, alert.acknowledged
	Alert *scheduler.Alert `json:"alert"`
	// Incident is set, and Alert nil, for the events of incidents
	// (incident.declared, …; see PublishIncident).
	Incident *scheduler.Incident `json:"incident,omitempty"`
}

// Hub fans alert changes out to live subscribers (the web UI's stream). A
// subscriber too slow to keep up loses events rather than slowing the sweep.
type Hub struct {
	mu   sync.Mutex
	subs map[chan AlertEvent]struct{}
	// relay, when bridged to the other instances (bridge.go), takes what
	// Publish sends to broadcast it.
	relay chan AlertEvent
}

// NewHub returns an empty hub.
func NewHub() *Hub { return &Hub{subs: map[chan AlertEvent]struct{}{}} }

// Subscribe returns a channel of events and a function to stop.
func (h *Hub) Subscribe() (<-chan AlertEvent, func()) {
	ch := make(chan AlertEvent, 64)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		if _, ok := h.subs[ch]; ok {
			delete(h.subs, ch)
			close(ch)
		}
		h.mu.Unlock()
	}
}

// Publish sends ev to every subscriber that has room, and, when the hub is
// bridged, to the other instances' hubs.
func (h *Hub) Publish(ev AlertEvent) {
	if h == nil {
		return
	}
	h.publishLocal(ev)
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.relay != nil {
		select {
		case h.relay <- ev:
		default: // the bus is behind: the others lose this event
		}
	}
}

// publishLocal sends ev to this hub's subscribers that have room.
func (h *Hub) publishLocal(ev AlertEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		select {
		case ch <- ev:
		default:
		}
	}
}

// Subscribers counts the live subscribers.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// Close ends every subscription (at shutdown).
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.subs {
		delete(h.subs, ch)
		close(ch)
	}
}

// AlertActions acknowledge and resolve alerts by hand (the store).
type AlertActions interface {
	AcknowledgeAlert(ctx context.Context, id int64) (*scheduler.Alert, error)
	ResolveAlert(ctx context.Context, id int64) (*scheduler.Alert, error)
}

// TypeAlertAcknowledged is the live stream's event of an acknowledged alert
// (acknowledging notifies nobody else, so it is no notification type).
const TypeAlertAcknowledged = "alert.acknowledged"

// Acknowledge acknowledges alert id — or resolves it, with resolve — by hand
// and tells the live streams; both doors' buttons are this. ENOTFOUND,
// ECONFLICT when it is resolved already.
func (h *Hub) Acknowledge(ctx context.Context, st AlertActions, id int64, resolve bool) (*scheduler.Alert, error) {
	act, typ := st.AcknowledgeAlert, TypeAlertAcknowledged
	if resolve {
		act, typ = st.ResolveAlert, scheduler.TypeAlertResolved
	}
	a, err := act(ctx, id)
	if err != nil {
		return nil, err
	}
	h.Publish(AlertEvent{Type: typ, Alert: a})
	return a, nil
}

// StreamHeartbeat is how often Stream writes a comment to keep an idle
// connection open through proxies.
const StreamHeartbeat = 25 * time.Second

// Stream serves the hub's alert changes to one client as Server-Sent Events
// until ctx ends (the client left) or the hub closes: the headers, a retry
// hint, then per change an event named for its type ("alert.opened",
// "alert.updated", "alert.escalated", "alert.resolved", "alert.acknowledged")
// whose id is alert-version and whose data is {"type","alert"}, and a
// comment every heartbeat. Both doors' live streams are this one loop.
func (h *Hub) Stream(ctx context.Context, w http.ResponseWriter, heartbeat time.Duration) error {
	ch, stop := h.Subscribe()
	defer stop()
	flush := func() {
		if f, ok := w.(http.Flusher); ok {
			f.Flush()
		}
	}
	hd := w.Header()
	hd.Set("Content-Type", "text/event-stream; charset=utf-8")
	hd.Set("Cache-Control", "no-cache")
	hd.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	if _, err := fmt.Fprint(w, "retry: 5000\n: catruc alert stream\n\n"); err != nil {
		return nil
	}
	flush()
	ping := time.NewTicker(heartbeat)
	defer ping.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-ping.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return nil
			}
			flush()
		case ev, ok := <-ch:
			if !ok {
				return nil
			}
			b, err := json.Marshal(ev)
			if err != nil {
				return err
			}
			if _, err := fmt.Fprintf(w, "id: %s\nevent: %s\ndata: %s\n\n", ev.id(), ev.Type, b); err != nil {
				return nil
			}
			flush()
		}
	}
}
