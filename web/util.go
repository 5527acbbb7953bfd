package web

import (
	"strconv"
	"time"

	"catruc/scheduler"
)

// formID reads a positive id.
func formID(s string) (int64, error) {
	id, err := strconv.ParseInt(s, 10, 64)
	if err != nil || id <= 0 {
		return 0, scheduler.E(scheduler.EINVALID, "id", "common.bad_id", "value", s)
	}
	return id, nil
}

// formTime reads a datetime-local field ("2026-12-07T22:00") in loc.
func formTime(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02T15:04", s, loc)
	if err != nil {
		return time.Time{}, err
	}
	return t, nil
}
