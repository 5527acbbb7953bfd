package store

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store/internal/testdb"
)

// denseItems is the police squad's roster as n back-to-back one-hour entries
// naming officer, from start on.
func denseItems(n int, officer string, start time.Time) []scheduler.ImportItem {
	items := make([]scheduler.ImportItem, n)
	for i := range items {
		s := start.Add(time.Duration(i) * time.Hour)
		items[i] = scheduler.ImportItem{UID: fmt.Sprintf("dense-%d@pk20", i), Summary: "Trực – " + officer,
			Start: s, End: s.Add(time.Hour), Line: 4 + 7*i}
	}
	return items
}

// importBench opens a store on a real SQLite file (a fresh PostgreSQL
// schema with CATRUC_TEST_POSTGRES) with a police post and its officer.
func importBench(b *testing.B, i int) (*Store, *scheduler.Post) {
	ctx := context.Background()
	now := time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)
	s, err := Open(ctx, testdb.DSN(b, fmt.Sprintf("b%d.db", i)), WithClock(func() time.Time { return now }))
	if err != nil {
		b.Fatal(err)
	}
	post := &scheduler.Post{Code: "vong-gac", Name: "Vọng gác", Kind: "police", Active: true}
	if err := s.CreatePost(ctx, post); err != nil {
		b.Fatal(err)
	}
	g := &scheduler.Guard{Name: "Thượng úy Võ Thành Nam", Unit: "police", PostIDs: []int64{post.ID}, Active: true}
	if err := s.CreateGuard(ctx, g); err != nil {
		b.Fatal(err)
	}
	return s, post
}

// BenchmarkImportDense2000 measures importing the police squad's roster of
// 2,000 back-to-back hourly entries for one officer into a real SQLite file:
// the read of the affected range, the checks in memory and the one write
// transaction.
func BenchmarkImportDense2000(b *testing.B) {
	ctx := context.Background()
	items := denseItems(2000, "Võ Thành Nam", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, post := importBench(b, i)
		b.StartTimer()
		res, err := s.ImportShifts(ctx, post.ID, items, false)
		b.StopTimer()
		if err != nil || len(res.Created) != 2000 || len(res.Errors) != 0 {
			b.Fatalf("created %d, errors %v: %v", len(res.Created), res.Errors, err)
		}
		s.Close()
		b.StartTimer()
	}
}

// BenchmarkImportDense2000WriteLock measures how long that import holds the
// write lock: its one write transaction, the plan being made beforehand.
func BenchmarkImportDense2000WriteLock(b *testing.B) {
	ctx := context.Background()
	items := denseItems(2000, "Võ Thành Nam", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s, post := importBench(b, i)
		p, _, err := s.planOnSnapshot(ctx, importKind{stamp: rosterStamp, plan: func(ctx context.Context, q queryer) (*importPlan, error) {
			return s.planShifts(ctx, q, post.ID, items)
		}})
		if err != nil || len(p.res.Created) != 2000 {
			b.Fatal(err)
		}
		b.StartTimer()
		if err := s.write(ctx, func(tx *sql.Tx) error { return p.write(ctx, tx) }); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
}
