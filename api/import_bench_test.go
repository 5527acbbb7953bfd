package api_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"catruc/api"
	"catruc/scheduler"
	"catruc/store"
)

// BenchmarkImportHourly5000DryRun measures the dry run of issue 11's file
// (RRULE:FREQ=HOURLY;COUNT=5000 naming a police officer) through the handler:
// reading, expanding and checking 5,000 shifts, without the write lock.
func BenchmarkImportHourly5000DryRun(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "c.db"), store.WithClock(func() time.Time { return testNow }))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	post := &scheduler.Post{Code: "vong-gac", Name: "Vọng gác", Kind: "police", Active: true}
	if err := st.CreatePost(ctx, post); err != nil {
		b.Fatal(err)
	}
	g := &scheduler.Guard{Name: "Thượng úy Võ Thành Nam", Unit: "police", PostIDs: []int64{post.ID}, Active: true}
	if err := st.CreateGuard(ctx, g); err != nil {
		b.Fatal(err)
	}
	secret, _, err := st.CreateToken(ctx, "bench", "manager", nil)
	if err != nil {
		b.Fatal(err)
	}
	e, _ := api.New(api.Config{Store: st, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: func() time.Time { return testNow }})
	body := hourlyRuleICS(5000, "Võ Thành Nam", time.Date(2026, 12, 2, 0, 0, 0, 0, time.UTC))
	path := fmt.Sprintf("/api/v1/import/ics?kind=shifts&post_id=%d&dry_run=true", post.ID)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("POST", path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+secret)
		rec := httptest.NewRecorder()
		e.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d: %.300s", rec.Code, rec.Body)
		}
	}
}
