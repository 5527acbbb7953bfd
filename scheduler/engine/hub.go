package engine

import (
	"sync"

	"catruc/scheduler"
)

// AlertEvent is one change of an alert, as the live stream sends it.
type AlertEvent struct {
	Type  string           `json:"type"` // alert.opened, alert.updated, alert.escalated, alert.resolved, alert.acknowledged
	Alert *scheduler.Alert `json:"alert"`
}

// Hub fans alert changes out to live subscribers (the web UI's stream). A
// subscriber too slow to keep up loses events rather than slowing the sweep.
type Hub struct {
	mu   sync.Mutex
	subs map[chan AlertEvent]struct{}
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

// Publish sends ev to every subscriber that has room.
func (h *Hub) Publish(ev AlertEvent) {
	if h == nil {
		return
	}
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
