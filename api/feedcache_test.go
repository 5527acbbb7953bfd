package api

import "testing"

// Ensure the feed cache lets the bodies of older roster versions go once a
// newer version is asked for (no client is sent them again), keeps those of
// the current version, and still answers a body being built to the requests
// that wait for it.
func TestFeedCacheDropsOlderVersions(t *testing.T) {
	var f feedCache
	b1, build := f.body(`"1-7-20261201"`, 7)
	if !build {
		t.Fatal("the first request does not build")
	}
	f.built(`"1-7-20261201"`, b1, []byte("BEGIN:VCALENDAR seq 7"), nil)
	if _, build := f.body(`"1-7-20261201"`, 7); build {
		t.Fatal("the same version is built twice")
	}
	b2, _ := f.body(`"2-7-20261201"`, 7)
	f.built(`"2-7-20261201"`, b2, []byte("BEGIN:VCALENDAR calendar 2"), nil)
	if len(f.bodies) != 2 || f.size == 0 {
		t.Fatalf("version 7 holds %d bodies, %d bytes; want 2", len(f.bodies), f.size)
	}
	b3, build := f.body(`"1-8-20261201"`, 8)
	if !build || len(f.bodies) != 1 || f.size != 0 {
		t.Fatalf("after version 8 was asked for: %d bodies held, %d bytes; want only the one being built", len(f.bodies), f.size)
	}
	f.built(`"1-8-20261201"`, b3, []byte("BEGIN:VCALENDAR seq 8"), nil)
	if got, _ := b3.wait(t.Context()); string(got) != "BEGIN:VCALENDAR seq 8" {
		t.Fatalf("the body of version 8: %q", got)
	}
	// A request that read the version just before the change still gets its body.
	if _, build := f.body(`"2-7-20261201"`, 7); !build {
		t.Fatal("an older version's body was kept")
	}
	if _, ok := f.bodies[`"1-8-20261201"`]; !ok {
		t.Fatal("a late request of an older version dropped the current version's body")
	}
}
