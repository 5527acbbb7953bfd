package rotation

import (
	"encoding/json"
	"testing"
	"time"

	"catruc/scheduler"
)

// Ensure no rotation a request can describe — a preset with any handover and
// member count, or a custom pattern decoded from any JSON — panics, and every
// rotation accepted expands, over two months in the office zone and in a zone
// with daylight saving, into shifts that start before they end, last at most
// scheduler.MaxShiftLength, come sorted and carry distinct keys. The seeds
// are in testdata/fuzz/FuzzRotationPattern; `go test ./scheduler/rotation
// -fuzz FuzzRotationPattern` goes on.
func FuzzRotationPattern(f *testing.F) {
	hcm, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	f.Add("24-24", "07:00", 2, "2026-12-01", []byte(`{}`))
	f.Add("custom", "07:00", 1, "2026-12-01", []byte(`{"cycle_days":2,"slots":[{"day":0,"start":"07:00","hours":24,"member":0}]}`))
	f.Fuzz(func(t *testing.T, preset, handover string, members int, start string, pattern []byte) {
		if members < 0 || members > 40 {
			return
		}
		if p, err := PresetPattern(preset, handover, members); err == nil {
			if err := ValidatePattern(p, members); err != nil {
				t.Fatalf("preset %q %q %d: its own pattern is refused: %v", preset, handover, members, err)
			}
		}
		r := scheduler.Rotation{PostID: 1, Name: "Ca trực", Preset: preset, Handover: handover, StartDate: start}
		for i := range members {
			r.Members = append(r.Members, int64(i+1))
		}
		if err := json.Unmarshal(pattern, &r.Pattern); err != nil {
			return
		}
		for _, loc := range []*time.Location{hcm, berlin} {
			shifts, err := Expand(r, nil, "2026-02-20", "2026-04-20", loc)
			if err != nil {
				if scheduler.ErrorCode(err) != scheduler.EINVALID || scheduler.ErrorField(err) == "" {
					t.Fatalf("%+v: %v, want EINVALID naming a field", r, err)
				}
				return
			}
			keys := map[string]bool{}
			for i, s := range shifts {
				if !s.End.After(s.Start) || s.End.Sub(s.Start) > scheduler.MaxShiftLength {
					t.Fatalf("%+v in %s: shift %s %s–%s", r, loc, s.Key, s.Start, s.End)
				}
				if i > 0 && s.Start.Before(shifts[i-1].Start) {
					t.Fatalf("%+v in %s: shifts out of order at %s", r, loc, s.Key)
				}
				if keys[s.Key] {
					t.Fatalf("%+v in %s: key %s twice", r, loc, s.Key)
				}
				keys[s.Key] = true
			}
		}
	})
}
