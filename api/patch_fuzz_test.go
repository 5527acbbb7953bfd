package api

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"catruc/scheduler"
)

// patchTargets are records as stored, one of each kind a PATCH changes.
func patchTargets() []any {
	g := int64(3)
	at := time.Date(2026, 12, 3, 7, 0, 0, 0, time.FixedZone("ICT", 7*3600))
	return []any{
		&scheduler.Shift{ID: 9, PostID: 1, GuardID: &g, Start: at, End: at.Add(12 * time.Hour), Status: "scheduled", Note: "ca ngày", Version: 2},
		&scheduler.Post{ID: 1, Code: "tru-so", Name: "Trụ sở HĐND, UBND tỉnh", Kind: "guard", Active: true,
			Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3}, Start: "07:00", End: "19:00", Headcount: 1}}},
		&scheduler.Guard{ID: 3, Name: "Nguyễn Văn An", Unit: "office", Skills: []string{"pccc"}, PostIDs: []int64{1}, Active: true},
		&scheduler.Event{ID: 4, Title: "Đón đoàn", Kind: "delegation", Start: at, End: at.Add(3 * time.Hour), PostIDs: []int64{1}, Version: 1},
	}
}

// Ensure the JSON merge patch (RFC 7396) never panics on any patch, refuses
// with an EINVALID error (never an internal one), leaves a read-only member
// as it was, and is idempotent: the patch applied to its own result changes
// nothing more. The seeds are in testdata/fuzz/FuzzMergePatch; `go test
// ./api -fuzz FuzzMergePatch` goes on.
func FuzzMergePatch(f *testing.F) {
	f.Add(uint8(0), []byte(`{"guard_id":null,"note":"đổi ca"}`))
	f.Fuzz(func(t *testing.T, which uint8, patch []byte) {
		targets := patchTargets()
		dst := targets[int(which)%len(targets)]
		before, _ := json.Marshal(dst)
		if err := applyMergePatch(patch, dst, "id"); err != nil {
			if scheduler.ErrorCode(err) != scheduler.EINVALID {
				t.Fatalf("%s patched with %q: %v, want EINVALID", before, patch, err)
			}
			return
		}
		once, err := json.Marshal(dst)
		if err != nil {
			t.Fatalf("the result of %q cannot be written: %v", patch, err)
		}
		var was, is struct{ ID int64 }
		_ = json.Unmarshal(before, &was)
		_ = json.Unmarshal(once, &is)
		if is.ID != was.ID {
			t.Fatalf("%q changed the read-only id: %s", patch, once)
		}
		if err := applyMergePatch(patch, dst, "id"); err != nil {
			t.Fatalf("%q applied to its own result %s: %v", patch, once, err)
		}
		twice, _ := json.Marshal(dst)
		if !bytes.Equal(once, twice) {
			t.Fatalf("%q is not idempotent:\n%s\n%s", patch, once, twice)
		}
	})
}
