package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"catruc/scheduler"
)

// BenchmarkGenerateRotationYear measures generating a year of an 8h-3shift
// rotation (1,095 shifts) into a real SQLite file, every shift checked for
// overlaps inside the transaction.
func BenchmarkGenerateRotationYear(b *testing.B) {
	ctx := context.Background()
	now := time.Date(2026, 12, 31, 12, 0, 0, 0, time.UTC)
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, err := Open(ctx, filepath.Join(b.TempDir(), fmt.Sprintf("b%d.db", i)), WithClock(func() time.Time { return now }))
		if err != nil {
			b.Fatal(err)
		}
		post := &scheduler.Post{Code: "p", Name: "P", Kind: "guard", Active: true}
		if err := s.CreatePost(ctx, post); err != nil {
			b.Fatal(err)
		}
		var members []int64
		for j := 0; j < 4; j++ {
			g := &scheduler.Guard{Name: "G", Unit: "office", PostIDs: []int64{post.ID}, Active: true}
			if err := s.CreateGuard(ctx, g); err != nil {
				b.Fatal(err)
			}
			members = append(members, g.ID)
		}
		r := &scheduler.Rotation{PostID: post.ID, Name: "R", Preset: scheduler.Preset8h3shift, Handover: "06:00",
			StartDate: "2027-01-01", Members: members, Active: true}
		if err := s.CreateRotation(ctx, r); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		res, err := s.GenerateRotation(ctx, r.ID, "2027-12-31")
		b.StopTimer()
		if err != nil || res.Created != 365*3 {
			b.Fatalf("%+v %v", res, err)
		}
		s.Close()
		b.StartTimer()
	}
}
