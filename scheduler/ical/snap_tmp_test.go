package ical

import (
	"os"
	"testing"
)

func TestSnapTmp(t *testing.T) {
	dir := os.Getenv("SNAPDIR")
	if dir == "" {
		t.Skip()
	}
	feeds := allFeeds(t)
	feeds["rosterguard"] = rosterFeed(t, 210, false)
	feeds["roster"] = rosterFeed(t, 210, true)
	for name, f := range feeds {
		out, err := Build(f)
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile(dir+"/"+name+".ics", out, 0o644)
	}
}
