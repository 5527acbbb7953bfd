package store

import (
	"context"
	"fmt"

	"catruc/scheduler"
)

// EventNoticesSent counts, for each of the events, the police notices
// (notifications of type event.notice) the outbox delivered. The engine keys
// an event's notices "police:<event id>:…" (scheduler/engine announceEvents).
func (s *Store) EventNoticesSent(ctx context.Context, eventIDs []int64) (map[int64]int, error) {
	out := map[int64]int{}
	if len(eventIDs) == 0 {
		return out, nil
	}
	want := make(map[int64]bool, len(eventIDs))
	for _, id := range eventIDs {
		want[id] = true
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT dedupe_key FROM notifications
		WHERE type = ? AND status = 'sent' AND substr(dedupe_key, 1, 7) = 'police:'`, scheduler.TypeEventNotice)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		if err := rows.Scan(&key); err != nil {
			return nil, err
		}
		var id int64
		if _, err := fmt.Sscanf(key, "police:%d:", &id); err == nil && want[id] {
			out[id]++
		}
	}
	return out, rows.Err()
}
