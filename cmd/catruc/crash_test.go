package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"catruc/scheduler"
	"catruc/store"
)

// crashChildEnv, when set, makes TestCrashUnderWriteLoad run `catruc serve`
// with the arguments it holds (one a line) instead of the test: the child
// process the test kills.
const crashChildEnv = "CATRUC_CRASH_CHILD_ARGS"

// ack is a write the server acknowledged: the shift's id and its note.
type ack struct {
	id   int64
	note string
}

// Ensure a server killed with SIGKILL while it is writing loses nothing it
// acknowledged: three times a child process serving the API is killed under
// the load of four writers creating shifts; afterwards every acknowledged
// shift is in the database, once, as written, and the database passes
// PRAGMA integrity_check.
func TestCrashUnderWriteLoad(t *testing.T) {
	if args := os.Getenv(crashChildEnv); args != "" {
		os.Args = append([]string{"catruc"}, strings.Split(args, "\n")...)
		main()
		os.Exit(0)
	}
	if testing.Short() {
		t.Skip("starts and kills a server three times")
	}
	db := filepath.Join(t.TempDir(), "catruc.db")
	token, post := crashSeed(t, db)
	var acks []ack
	var slot atomic.Int64 // each write takes its own hour: no two shifts overlap
	for round := 1; round <= 3; round++ {
		got := crashRound(t, db, token, post, round, &slot)
		if len(got) == 0 {
			t.Fatalf("round %d: no write was acknowledged before the kill", round)
		}
		t.Logf("round %d: %d writes acknowledged before SIGKILL", round, len(got))
		acks = append(acks, got...)
	}
	crashCheck(t, db, acks)
}

// crashSeed makes the database: a post and an admin token.
func crashSeed(t *testing.T, db string) (token string, post int64) {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	p := &scheduler.Post{Code: "tru-so", Name: "Trụ sở HĐND, UBND tỉnh", Kind: "guard", Active: true,
		Requirements: []scheduler.Requirement{}}
	if err := st.CreatePost(ctx, p); err != nil {
		t.Fatal(err)
	}
	if token, _, err = st.CreateToken(ctx, "crash-test", scheduler.RoleAdmin, nil); err != nil {
		t.Fatal(err)
	}
	return token, p.ID
}

// crashRound starts the server as a child process, writes to it from four
// writers until about 40 writes are acknowledged (or 5 s pass), kills it
// with SIGKILL while the writers still write, and returns the acknowledged writes.
func crashRound(t *testing.T, db, token string, post int64, round int, slot *atomic.Int64) []ack {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashUnderWriteLoad$")
	cmd.Env = append(os.Environ(), crashChildEnv+"="+strings.Join([]string{"serve", "--addr", "127.0.0.1:0", "--db", db}, "\n"))
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout = io.Discard
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	killed := false
	defer func() {
		if !killed {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
	}()
	base := waitURL(t, stderr)

	var mu sync.Mutex
	var acks []ack
	stop := make(chan struct{})
	var wg sync.WaitGroup
	client := &http.Client{Timeout: 20 * time.Second}
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				note := fmt.Sprintf("vòng %d, người ghi %d, lần %d", round, w, n)
				id, ok := crashWrite(client, base, token, post, note, slot.Add(1))
				if !ok {
					return // the server is gone
				}
				mu.Lock()
				acks = append(acks, ack{id, note})
				mu.Unlock()
			}
		}()
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		n := len(acks)
		mu.Unlock()
		if n >= 40 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL on Unix
		t.Fatal(err)
	}
	killed = true
	_ = cmd.Wait()
	close(stop)
	wg.Wait()
	return acks
}

// waitURL reads the child's log until it says where it listens (30 s at most).
func waitURL(t *testing.T, stderr io.Reader) string {
	t.Helper()
	found := make(chan string, 1)
	go func() {
		re := regexp.MustCompile(`url=(http://[0-9.:]+)`)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				found <- m[1]
				break
			}
		}
		_, _ = io.Copy(io.Discard, stderr) // keep the pipe drained
	}()
	select {
	case u := <-found:
		return u
	case <-time.After(30 * time.Second):
		t.Fatal("the server did not start within 30 s")
		return ""
	}
}

// crashWrite creates one open one-hour shift in hour slot k; ok is false when
// the server did not acknowledge it.
func crashWrite(c *http.Client, base, token string, post int64, note string, k int64) (int64, bool) {
	start := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(k) * time.Hour)
	body, _ := json.Marshal(map[string]any{"post_id": post, "start": start.Format(time.RFC3339),
		"end": start.Add(time.Hour).Format(time.RFC3339), "note": note})
	req, _ := http.NewRequest("POST", base+"/api/v1/shifts", strings.NewReader(string(body)))
	req.Header.Set("Authorization", "Bearer "+token)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.Do(req)
	if err != nil {
		return 0, false
	}
	defer res.Body.Close()
	var out struct {
		ID int64 `json:"id"`
	}
	if res.StatusCode != http.StatusCreated || json.NewDecoder(res.Body).Decode(&out) != nil || out.ID == 0 {
		return 0, false
	}
	return out.ID, true
}

// crashCheck verifies the database after the kills: integrity, and every
// acknowledged write present once with its note.
func crashCheck(t *testing.T, path string, acks []ack) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var integrity string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&integrity); err != nil || integrity != "ok" {
		t.Fatalf("integrity_check = %q, %v", integrity, err)
	}
	rows, err := db.Query(`SELECT id, note FROM shifts`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	byNote := map[string][]int64{}
	for rows.Next() {
		var id int64
		var note string
		if err := rows.Scan(&id, &note); err != nil {
			t.Fatal(err)
		}
		byNote[note] = append(byNote[note], id)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for note, ids := range byNote {
		if len(ids) > 1 {
			t.Errorf("%q stored %d times (ids %v)", note, len(ids), ids)
		}
	}
	lost := 0
	for _, a := range acks {
		ids := byNote[a.note]
		if len(ids) != 1 || ids[0] != a.id {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged shift %d (%q) is stored as %v", a.id, a.note, ids)
			}
		}
	}
	if lost > 0 {
		t.Errorf("%d of %d acknowledged writes lost", lost, len(acks))
	}
	t.Logf("%d acknowledged writes, %d shifts stored, integrity ok", len(acks), len(byNote))
}
