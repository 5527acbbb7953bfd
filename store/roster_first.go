package store

import (
	"context"
	"time"
)

// FirstShiftStarts returns, for each post that has ever had a shift (a
// cancelled or open one included), the start of its earliest shift: where
// that post's roster begins. Posts without any shift are absent.
func (s *Store) FirstShiftStarts(ctx context.Context) (map[int64]time.Time, error) {
	rows, err := s.rdb.QueryContext(ctx, `SELECT post_id, MIN(start_at) FROM shifts GROUP BY post_id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	loc := s.Location()
	out := map[int64]time.Time{}
	for rows.Next() {
		var id int64
		var start string
		if err := rows.Scan(&id, &start); err != nil {
			return nil, err
		}
		t, err := parseTime(start, loc)
		if err != nil {
			return nil, err
		}
		out[id] = t
	}
	return out, rows.Err()
}
