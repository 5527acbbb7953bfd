package store

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store/internal/testdb"
)

var testNow = time.Date(2026, 12, 1, 9, 30, 0, 0, time.UTC)

func openTest(t *testing.T, path string) *Store {
	t.Helper()
	if path == "" {
		path = testdb.DSN(t, "catruc.db")
	}
	s, err := Open(context.Background(), path, WithClock(func() time.Time { return testNow }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func count(t *testing.T, s *Store, table string) int {
	t.Helper()
	var n int
	if err := s.rdb.QueryRow(`SELECT COUNT(*) FROM ` + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// Ensure Open sets WAL, foreign keys and busy_timeout on both pools and records migrations.
func TestOpenPragmasAndMigrations(t *testing.T) {
	s := openTest(t, "")
	if s.pg {
		if s.Backend() != "postgres" {
			t.Errorf("Backend() = %q on PostgreSQL", s.Backend())
		}
		checkMigrations(t, s)
		return
	}
	if s.Backend() != "sqlite" {
		t.Errorf("Backend() = %q on SQLite", s.Backend())
	}
	for _, db := range []struct {
		name string
		q    queryer
	}{{"write", s.wdb}, {"read", s.rdb}} {
		var mode string
		var fk, bt int
		ctx := context.Background()
		if err := db.q.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
			t.Fatal(err)
		}
		db.q.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk)
		db.q.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&bt)
		if mode != "wal" || fk != 1 || int64(bt) != DefaultBusyTimeout.Milliseconds() {
			t.Errorf("%s pool: journal_mode=%s foreign_keys=%d busy_timeout=%d", db.name, mode, fk, bt)
		}
	}
	checkMigrations(t, s)
	// The read pool refuses writes.
	if _, err := s.rdb.Exec(`DELETE FROM posts`); err == nil {
		t.Fatal("read pool accepted a write")
	}
}

// checkMigrations checks that every embedded migration of the backend is recorded.
func checkMigrations(t *testing.T, s *Store) {
	t.Helper()
	v, err := s.SchemaVersion(context.Background())
	if want := NewestSchema(s.Path()); err != nil || v != want || v < 14 {
		t.Fatalf("schema = %d, %v; want %d, the newest migration, at least 14", v, err, want)
	}
	if got := count(t, s, "schema_migrations"); got != v {
		t.Fatalf("%d migrations recorded, newest is %d", got, v)
	}
	if err := s.Ping(context.Background()); err != nil {
		t.Fatalf("Ping: %v", err)
	}
}

func seed(t *testing.T, s *Store) (post *scheduler.Post, guard *scheduler.Guard) {
	t.Helper()
	ctx := scheduler.WithActor(context.Background(), "test")
	post = &scheduler.Post{Code: "tru-so", Name: "Trụ sở", Kind: "guard", Active: true,
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "00:00", End: "00:00", Headcount: 1}}}
	if err := s.CreatePost(ctx, post); err != nil {
		t.Fatal(err)
	}
	guard = &scheduler.Guard{Name: "Nguyễn Văn An", Unit: "office", PostIDs: []int64{post.ID}, Active: true}
	if err := s.CreateGuard(ctx, guard); err != nil {
		t.Fatal(err)
	}
	return post, guard
}

// Ensure data written is still there, unchanged, after the store is closed and opened again.
func TestReopenKeepsData(t *testing.T) {
	path := testdb.DSN(t, "catruc.db")
	s := openTest(t, path)
	post, guard := seed(t, s)
	gid := guard.ID
	loc := s.Location()
	sh := &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: time.Date(2026, 12, 1, 7, 0, 0, 0, loc),
		End: time.Date(2026, 12, 2, 7, 0, 0, 0, loc), Note: "Giao ca lúc 7 giờ"}
	if err := s.CreateShift(context.Background(), sh); err != nil {
		t.Fatal(err)
	}
	s.Close()

	s2 := openTest(t, path)
	got, err := s2.FindShiftByID(context.Background(), sh.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Start.Format(time.RFC3339) != "2026-12-01T07:00:00+07:00" || got.End.Format(time.RFC3339) != "2026-12-02T07:00:00+07:00" ||
		got.Note != "Giao ca lúc 7 giờ" || *got.GuardID != gid || got.Version != 1 {
		t.Fatalf("after reopen: %+v", got)
	}
	g, err := s2.FindGuardByID(context.Background(), gid)
	if err != nil || g.Name != "Nguyễn Văn An" || len(g.PostIDs) != 1 || g.PostIDs[0] != post.ID {
		t.Fatalf("guard after reopen: %+v, %v", g, err)
	}
	// Instants are stored in UTC.
	var raw string
	s2.rdb.QueryRow(`SELECT start_at FROM shifts WHERE id = ?`, sh.ID).Scan(&raw)
	if raw != "2026-12-01T00:00:00Z" {
		t.Fatalf("stored start = %q, want UTC 2026-12-01T00:00:00Z", raw)
	}
}

// Ensure that of 20 concurrent overlapping shifts for one guard, from two
// separate handles on the file (as server and CLI), exactly one is created.
func TestConcurrentOverlapExactlyOne(t *testing.T) {
	path := testdb.DSN(t, "catruc.db")
	s := openTest(t, path)
	other := openTest(t, path)
	post, guard := seed(t, s)
	loc := s.Location()
	var wg sync.WaitGroup
	var mu sync.Mutex
	created, conflicts := 0, 0
	var others []error
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			st := s
			if i%2 == 1 {
				st = other
			}
			gid := guard.ID
			start := time.Date(2026, 12, 1, 7, i, 0, 0, loc)
			err := st.CreateShift(context.Background(), &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: start, End: start.Add(8 * time.Hour)})
			mu.Lock()
			defer mu.Unlock()
			switch scheduler.ErrorCode(err) {
			case "":
				created++
			case scheduler.ECONFLICT:
				conflicts++
			default:
				others = append(others, err)
			}
		}(i)
	}
	wg.Wait()
	if created != 1 || conflicts != 19 || len(others) > 0 {
		t.Fatalf("created %d, conflicts %d, other errors %v", created, conflicts, others)
	}
	if n := count(t, s, "shifts"); n != 1 {
		t.Fatalf("%d shifts stored", n)
	}
}

// Ensure each write leaves one audit entry with actor, before and after, and
// a refused write leaves none.
func TestAuditInSameTransaction(t *testing.T) {
	s := openTest(t, "")
	post, guard := seed(t, s)
	ctx := scheduler.WithActor(context.Background(), "token:manager")
	before := count(t, s, "audit")
	gid := guard.ID
	loc := s.Location()
	sh := &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: time.Date(2026, 12, 1, 7, 0, 0, 0, loc), End: time.Date(2026, 12, 1, 15, 0, 0, 0, loc)}
	if err := s.CreateShift(ctx, sh); err != nil {
		t.Fatal(err)
	}
	clash := &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: time.Date(2026, 12, 1, 14, 0, 0, 0, loc), End: time.Date(2026, 12, 1, 22, 0, 0, 0, loc)}
	if err := s.CreateShift(ctx, clash); scheduler.ErrorCode(err) != scheduler.ECONFLICT || scheduler.ErrorField(err) != "guard_id" {
		t.Fatalf("overlap: %v", err)
	}
	if _, err := s.UpdateShift(ctx, sh.ID, 1, func(x *scheduler.Shift) error { x.Note = "đổi ca"; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateShift(ctx, sh.ID, 1, func(x *scheduler.Shift) error { x.Note = "stale"; return nil }); scheduler.ErrorCode(err) != scheduler.ECONFLICT {
		t.Fatalf("stale version: %v", err)
	}
	if got := count(t, s, "audit") - before; got != 2 {
		t.Fatalf("%d audit entries, want 2 (create, update)", got)
	}
	es, err := s.FindAudit(ctx, scheduler.AuditFilter{Entity: "shift", EntityID: &sh.ID})
	if err != nil || len(es) != 2 {
		t.Fatalf("audit: %v %v", es, err)
	}
	upd := es[0]
	var b, a scheduler.Shift
	json.Unmarshal(upd.Before, &b)
	json.Unmarshal(upd.After, &a)
	if upd.Action != "update" || upd.Actor != "token:manager" || b.Note != "" || a.Note != "đổi ca" || a.Version != 2 {
		t.Fatalf("update entry: %+v before=%+v after=%+v", upd, b, a)
	}
	if string(es[1].Before) != "null" || es[1].Action != "create" {
		t.Fatalf("create entry: %+v", es[1])
	}
}

// Ensure a cancelled shift frees its guard, and reinstating it checks overlaps again.
func TestCancelledShiftsDoNotBlock(t *testing.T) {
	s := openTest(t, "")
	post, guard := seed(t, s)
	ctx := context.Background()
	gid := guard.ID
	loc := s.Location()
	start := time.Date(2026, 12, 1, 7, 0, 0, 0, loc)
	a := &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: start, End: start.Add(8 * time.Hour)}
	if err := s.CreateShift(ctx, a); err != nil {
		t.Fatal(err)
	}
	if _, err := s.UpdateShift(ctx, a.ID, 0, func(x *scheduler.Shift) error { x.Status = scheduler.ShiftCancelled; return nil }); err != nil {
		t.Fatal(err)
	}
	b := &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: start.Add(time.Hour), End: start.Add(9 * time.Hour)}
	if err := s.CreateShift(ctx, b); err != nil {
		t.Fatalf("a cancelled shift blocked a new one: %v", err)
	}
	_, err := s.UpdateShift(ctx, a.ID, 0, func(x *scheduler.Shift) error { x.Status = scheduler.ShiftScheduled; return nil })
	if scheduler.ErrorCode(err) != scheduler.ECONFLICT {
		t.Fatalf("reinstating an overlapping shift: %v", err)
	}
	// Back-to-back shifts touch but do not overlap.
	c := &scheduler.Shift{PostID: post.ID, GuardID: &gid, Start: start.Add(9 * time.Hour), End: start.Add(17 * time.Hour)}
	if err := s.CreateShift(ctx, c); err != nil {
		t.Fatalf("back-to-back shift refused: %v", err)
	}
}

// Ensure the demo office loads once, and loading it again changes nothing.
func TestDemoLoadedTwiceChangesNothing(t *testing.T) {
	s := openTest(t, "")
	ctx := context.Background()
	loaded, err := s.LoadDemo(ctx, testNow)
	if err != nil || !loaded {
		t.Fatalf("first load: %v %v", loaded, err)
	}
	tables := []string{"posts", "guards", "guard_posts", "shifts", "time_off", "audit", "settings"}
	want := map[string]int{}
	for _, tb := range tables {
		want[tb] = count(t, s, tb)
	}
	loaded, err = s.LoadDemo(ctx, testNow.Add(72*time.Hour))
	if err != nil || loaded {
		t.Fatalf("second load: %v %v", loaded, err)
	}
	for _, tb := range tables {
		if got := count(t, s, tb); got != want[tb] {
			t.Errorf("%s: %d rows after second load, want %d", tb, got, want[tb])
		}
	}
	posts, _ := s.FindPosts(ctx, scheduler.PostFilter{})
	if len(posts) != 3 || posts[0].Name != "Trụ sở HĐND, UBND tỉnh" || posts[2].Kind != "police" {
		t.Fatalf("demo posts: %+v", posts)
	}
	hq := posts[0].ID
	shifts, _ := s.FindShifts(ctx, scheduler.ShiftFilter{PostID: &hq})
	if len(shifts) != DemoDays+1 {
		t.Fatalf("%d headquarters shifts, want %d", len(shifts), DemoDays+1)
	}
	for i, sh := range shifts {
		if sh.End.Sub(sh.Start) != 24*time.Hour || sh.Start.Hour() != 7 {
			t.Fatalf("headquarters shift %d: %v – %v", i, sh.Start, sh.End)
		}
		if i > 0 && *sh.GuardID == *shifts[i-1].GuardID {
			t.Fatalf("headquarters guards do not alternate at shift %d", i)
		}
	}
	// A demo over existing data is refused: the data stays as it was.
	s2 := openTest(t, "")
	seed(t, s2)
	if loaded, err := s2.LoadDemo(ctx, testNow); err != nil || loaded {
		t.Fatalf("demo over data: %v %v", loaded, err)
	}
	if n := count(t, s2, "posts"); n != 1 {
		t.Fatalf("demo wrote over existing data: %d posts", n)
	}
}

// Ensure tokens are kept only as hashes, authenticate until revoked, and names are unique among live tokens.
func TestTokens(t *testing.T) {
	s := openTest(t, "")
	ctx := context.Background()
	secret, tok, err := s.CreateToken(ctx, "quan-ly", scheduler.RoleManager, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) < 4+22 { // 128 bits in base64 is 22 characters
		t.Fatalf("secret too short: %q", secret)
	}
	var stored []byte
	s.rdb.QueryRow(`SELECT hash FROM tokens WHERE id = ?`, tok.ID).Scan(&stored)
	if len(stored) != 32 || string(stored) == secret {
		t.Fatalf("stored hash = %x", stored)
	}
	got, err := s.Authenticate(ctx, secret)
	if err != nil || got.Name != "quan-ly" || got.Role != "manager" {
		t.Fatalf("authenticate: %+v %v", got, err)
	}
	if _, _, err := s.CreateToken(ctx, "quan-ly", scheduler.RoleViewer, nil); scheduler.ErrorCode(err) != scheduler.ECONFLICT {
		t.Fatalf("duplicate name: %v", err)
	}
	if _, err := s.Authenticate(ctx, secret+"x"); scheduler.ErrorCode(err) != scheduler.EUNAUTHORIZED {
		t.Fatalf("wrong secret: %v", err)
	}
	if err := s.RevokeToken(ctx, "quan-ly"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, secret); scheduler.ErrorCode(err) != scheduler.EUNAUTHORIZED {
		t.Fatalf("revoked token: %v", err)
	}
	if err := s.RevokeToken(ctx, "quan-ly"); scheduler.ErrorCode(err) != scheduler.ENOTFOUND {
		t.Fatalf("revoke twice: %v", err)
	}
	if _, _, err := s.CreateToken(ctx, "quan-ly", scheduler.RoleViewer, nil); err != nil {
		t.Fatalf("name reuse after revoke: %v", err)
	}
	if _, _, err := s.CreateToken(ctx, "x", "root", nil); scheduler.ErrorField(err) != "role" {
		t.Fatalf("bad role: %v", err)
	}
}

// Ensure the office's zone changed through one store (another instance of
// the same database) applies in the other once it reads the roster's
// version, as every feed and cached answer does.
func TestOfficeZoneFollowsOtherInstance(t *testing.T) {
	if !testdb.Postgres() {
		t.Skip("PostgreSQL only (CATRUC_TEST_POSTGRES): several instances share a database there")
	}
	ctx := scheduler.WithActor(context.Background(), "test")
	path := testdb.DSN(t, "catruc.db")
	a := openTest(t, path)
	b := openTest(t, path)
	if _, _, err := b.RosterVersion(ctx); err != nil {
		t.Fatal(err)
	}
	if got := b.Location().String(); got != scheduler.DefaultTimezone {
		t.Fatalf("zone at start: %s", got)
	}
	o, err := a.Office(ctx)
	if err != nil {
		t.Fatal(err)
	}
	o.Timezone = "Asia/Bangkok"
	if _, err := a.SetOffice(ctx, o); err != nil {
		t.Fatal(err)
	}
	if _, _, err := b.RosterVersion(ctx); err != nil {
		t.Fatal(err)
	}
	if got := b.Location().String(); got != "Asia/Bangkok" {
		t.Fatalf("the other instance's zone after the change: %s, want Asia/Bangkok", got)
	}
}
