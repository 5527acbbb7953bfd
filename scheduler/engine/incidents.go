package engine

import (
	"context"
	"fmt"
	"time"

	"catruc/scheduler"
)

// The live stream's events of incidents, besides those of alerts.
const (
	TypeIncidentDeclared     = "incident.declared"
	TypeIncidentAcknowledged = "incident.acknowledged"
	TypeIncidentUpdated      = "incident.updated"
	TypeIncidentEscalated    = "incident.escalated"
	TypeIncidentClosed       = "incident.closed"
)

// PublishIncident tells the live streams of a change of an incident; both
// doors and the engine call it after the store has written the change.
func (h *Hub) PublishIncident(typ string, inc *scheduler.Incident) {
	if inc == nil {
		return
	}
	h.Publish(AlertEvent{Type: typ, Incident: inc})
}

// id is the event's SSE id: "<alert id>-<version>" or
// "incident-<id>-<timeline length>".
func (ev AlertEvent) id() string {
	if ev.Alert != nil {
		return fmt.Sprintf("%d-%d", ev.Alert.ID, ev.Alert.Version)
	}
	if ev.Incident != nil {
		return fmt.Sprintf("incident-%d-%d", ev.Incident.ID, len(ev.Incident.Timeline))
	}
	return "0"
}

// IncidentsResult counts what the incidents job did.
type IncidentsResult struct {
	Escalated []int64 `json:"escalated"`
}

// incidents escalates, once each, the incidents whose police post has not
// acknowledged within their plan's minutes (the store sends the callout
// again in the same transaction), and tells the live streams.
func (e *Engine) incidents(ctx context.Context, now time.Time) (any, error) {
	done, err := e.store.EscalateIncidents(ctx, now)
	res := IncidentsResult{Escalated: []int64{}}
	for _, inc := range done {
		res.Escalated = append(res.Escalated, inc.ID)
		e.hub.PublishIncident(TypeIncidentEscalated, inc)
	}
	if len(done) > 0 {
		e.notify()
	}
	return res, err
}
