package ical

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	goical "github.com/emersion/go-ical"

	"catruc/scheduler"
)

// refEncode is what encode must write: the output of go-ical's encoder,
// folded line by line (as Build did before it had its own serializer).
func refEncode(cal *goical.Calendar) ([]byte, error) {
	var raw bytes.Buffer
	if err := goical.NewEncoder(&raw).Encode(cal); err != nil {
		return nil, err
	}
	var out []byte
	for b := raw.Bytes(); len(b) > 0; {
		var line []byte
		line, b, _ = bytes.Cut(b, []byte("\r\n"))
		out = refFoldLine(out, line)
	}
	return out, nil
}

// refFoldLine appends line to out folded: cut before 75 octets (74 after the
// space of a continuation) and back to the start of a UTF-8 sequence.
func refFoldLine(out, line []byte) []byte {
	width := maxLine
	for len(line) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		if cut == 0 { // not UTF-8, with nowhere to cut
			cut = width
		}
		out = append(out, line[:cut]...)
		out = append(out, "\r\n "...)
		line = line[cut:]
		width = maxLine - 1
	}
	out = append(out, line...)
	return append(out, "\r\n"...)
}

// moreFeeds are feeds beyond allFeeds for the serializer's tests: the
// benchmarks' rosters, a zone whose name must be quoted as a parameter,
// characters of every length at every place a line can be cut.
func moreFeeds(t testing.TB) map[string]Feed {
	feeds := allFeeds(t)
	feeds["roster guard"] = rosterFeed(t, 210, false)
	feeds["roster"] = rosterFeed(t, 210, true)

	quoted := personalFeed(t)
	quoted.Loc = time.FixedZone("UTC+7; Hà Nội, Việt Nam: giờ", 7*3600)
	quoted.Host = "lịch.catruc.example.vn"
	feeds["quoted zone"] = quoted

	long := personalFeed(t)
	long.Name = strings.Repeat("Lịch 😀 trực ", 20)
	long.Shifts = nil
	for i, ch := range []string{"a", "é", "ạ", "😀"} {
		for pad := 0; pad < 8; pad++ {
			s := shift(int64(1000+10*i+pad), 1, long.Loc, 2026, 12, 1+pad, 7, 8, 1)
			s.Note = strings.Repeat("x", pad) + strings.Repeat(ch, 80)
			long.Shifts = append(long.Shifts, ShiftItem{Shift: s, PostName: strings.Repeat(ch, 30+pad), Site: strings.Repeat("y", pad) + strings.Repeat(ch, 40),
				GuardName: guardAn, Contact: strings.Repeat(ch, 3*pad)})
		}
	}
	feeds["long lines"] = long
	return feeds
}

// Ensure encode writes every feed's tree byte for byte as go-ical's encoder
// and folding did, and that Build, with parts used again, writes the same.
func TestEncodeLikeGoical(t *testing.T) {
	for name, f := range moreFeeds(t) {
		t.Run(name, func(t *testing.T) {
			cal, err := calendar(f, nil, nil)
			if err != nil {
				t.Fatal(err)
			}
			want, err := refEncode(cal)
			if err != nil {
				t.Fatal(err)
			}
			got, err := encode(cal, 0)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("encode differs from go-ical:\n%s", diffLines(string(want), string(got)))
			}
			for i := 0; i < 2; i++ {
				built, err := Build(f)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(built, want) {
					t.Fatalf("Build %d differs from go-ical:\n%s", i+1, diffLines(string(want), string(built)))
				}
			}
		})
	}
}

// Ensure a zone name that cannot be a parameter value fails the feed, as
// with go-ical.
func TestBuildBadZoneName(t *testing.T) {
	for _, name := range []string{`Giờ "Hà Nội"`, "UTC+7\r\nX-EVIL:1", "UTC+7\n"} {
		f := personalFeed(t)
		f.Loc = time.FixedZone(name, 7*3600)
		cal, err := calendar(f, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := refEncode(cal); err == nil {
			t.Errorf("%q: go-ical wrote it", name)
		}
		if _, err := Build(f); scheduler.ErrorCode(err) != scheduler.EINTERNAL {
			t.Errorf("%q: err = %v, want EINTERNAL", name, err)
		}
	}
}

// Ensure trees of every form the encoder knows come out as go-ical's:
// parameters to sort and to quote, several props under one name (and a
// prop whose name is not its key), lines folded at each octet of
// characters of each length, text that is not UTF-8.
func TestEncodeTrees(t *testing.T) {
	var values []string
	for _, ch := range []string{"a", "é", "ạ", "😀", "\x80", "\xe1\xba"} {
		for pad := 0; pad < 6; pad++ {
			values = append(values, strings.Repeat("x", pad)+strings.Repeat(ch, 90))
		}
	}
	values = append(values, "", strings.Repeat("\x80", 200), "\xff"+strings.Repeat("\x80", 160), strings.Repeat("ạ", 24)+"\x80\x80")
	for i, v := range values {
		for pad := 0; pad < 4; pad++ {
			cal := testTree(strings.Repeat("N", pad), v, fmt.Sprint(i))
			want, werr := refEncode(cal)
			got, gerr := encode(cal, 0)
			if werr != nil || gerr != nil {
				t.Fatalf("%d/%d: errors %v, %v", i, pad, werr, gerr)
			}
			if !bytes.Equal(got, want) {
				t.Fatalf("%d/%d (%q): encode differs from go-ical:\n%s", i, pad, v, diffLines(string(want), string(got)))
			}
		}
	}
}

// testTree is a calendar of components go-ical does not check, with value v
// in several places.
func testTree(name, v, p string) *goical.Calendar {
	child := &goical.Component{Name: "X-CHILD" + name, Props: goical.Props{
		"X-V": {{Name: "X-V", Value: v}},
	}}
	return &goical.Calendar{Component: &goical.Component{
		Name: "X-TREE",
		Props: goical.Props{
			"X-" + name + "P": {
				{Name: "X-" + name + "P", Params: goical.Params{"Z": {"z"}, "A": {p, "b,c", "d:e"}, "M": {}, "Q": {"x;y" + v}}, Value: v},
				{Name: "X-OTHER", Params: goical.Params{"TZID": {v}}, Value: "2"},
			},
			"A-FIRST": {{Name: "A-FIRST", Value: name + v + v}},
			"":        {{Name: "", Value: v}},
		},
		Children: []*goical.Component{child, {Name: "X-EMPTY", Props: goical.Props{}}, child},
	}}
}

// FuzzEncode holds encode to go-ical's encoder (and folding) on trees made
// of whatever text: the same bytes, or an error from both; or an error from
// encode alone when a CR or LF would break a line go-ical writes as it is.
func FuzzEncode(f *testing.F) {
	f.Add("DTSTART", "TZID", "Asia/Ho_Chi_Minh", "20261201T070000", "", uint8(0))
	f.Add("DESCRIPTION", "ALTREP", "cid:a,b", "Cùng trực: Trần Thị Bình (Trụ sở HĐND\\, UBND tỉnh)", "x", uint8(60))
	f.Add("X-A", "X-Q", `a"b`, "v", "w", uint8(3))
	f.Add("X-A", "X-P", "p", "a\r\nb", "w", uint8(3))
	f.Add("X-A", "X-P", "p", "\x80\x80\x80ạạ", "\xe1", uint8(73))
	f.Fuzz(func(t *testing.T, name, param, pvalue, value, other string, pad uint8) {
		v := strings.Repeat("x", int(pad%80)) + value
		cal := &goical.Calendar{Component: &goical.Component{
			Name: "X-FUZZ",
			Props: goical.Props{
				name:  {{Name: name, Params: goical.Params{param: {pvalue, other}, "X-Z": {other}}, Value: v}, {Name: name, Value: other}},
				other: {{Name: "X-" + other, Params: goical.Params{param: {pvalue}}, Value: value}},
			},
			Children: []*goical.Component{{Name: "X-" + name, Props: goical.Props{param: {{Name: param, Value: v}}}}},
		}}
		got, gerr := encode(cal, 0)
		for _, s := range []string{name, param, pvalue, other} {
			if strings.ContainsAny(s, "\r\n") {
				if gerr == nil {
					t.Fatalf("a CR or LF in %q, in a name or parameter, is written", s)
				}
				return
			}
		}
		want, werr := refEncode(cal)
		if (gerr == nil) != (werr == nil) {
			t.Fatalf("encode: %v; go-ical: %v", gerr, werr)
		}
		if gerr == nil && !bytes.Equal(got, want) {
			t.Fatalf("encode differs from go-ical:\n%s", diffLines(string(want), string(got)))
		}
		for _, l := range bytes.SplitAfter(got, []byte("\r\n")) {
			if len(l) > maxLine+2 {
				t.Fatalf("line of %d octets: %q", len(l)-2, l)
			}
		}
	})
}

// Ensure feeds built at once, from the same pool of parts, come out as
// each alone.
func TestBuildConcurrent(t *testing.T) {
	feeds := moreFeeds(t)
	want := map[string][]byte{}
	for name, f := range feeds {
		cal, err := calendar(f, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		if want[name], err = encode(cal, 0); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 3; i++ {
				for name, f := range feeds {
					got, err := Build(f)
					if err != nil {
						t.Error(err)
						return
					}
					if !bytes.Equal(got, want[name]) {
						t.Errorf("%s: Build differs from a build alone:\n%s", name, diffLines(string(want[name]), string(got)))
						return
					}
				}
			}
		}()
	}
	wg.Wait()
}

// Ensure a date-time is written as before the zone and the date were
// remembered: in the office zone with its TZID, or in UTC when its
// wall-clock time comes twice; in zones with odd offsets and changes (of two
// hours for Troll), about every quarter hour of two years and every minute
// around the changes, and far from now.
func TestWhen(t *testing.T) {
	var times []time.Time
	for t0 := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC); t0.Year() < 2028; t0 = t0.Add(15*time.Minute + 7*time.Second) {
		times = append(times, t0)
	}
	for _, y := range []int{1, 1800, 1900, 1969, 1970, 2038, 9999, 10000, 12345} {
		times = append(times, time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(y, 12, 31, 23, 59, 59, 999, time.UTC))
	}
	for _, zone := range []string{scheduler.DefaultTimezone, "Europe/Berlin", "America/Chicago", "Australia/Lord_Howe", "Asia/Kathmandu", "America/St_Johns", "Pacific/Chatham", "Europe/Dublin", "Antarctica/Troll", "UTC"} {
		loc := mustLoad(t, zone)
		b := builder{loc: loc, tzid: goical.Params{goical.PropTimezoneID: {zone}}, parts: new(parts)}
		c := component(goical.CompEvent, 1)
		for _, tt := range times {
			// around each change, minute by minute
			if _, end := tt.In(loc).ZoneBounds(); !end.IsZero() && end.Sub(tt) > 0 && end.Sub(tt) <= 15*time.Minute+7*time.Second {
				for d := -4 * time.Hour; d < 4*time.Hour; d += time.Minute {
					checkWhen(t, &b, c, end.Add(d))
				}
			}
			checkWhen(t, &b, c, tt)
		}
	}
}

func checkWhen(t *testing.T, b *builder, c *goical.Component, tt time.Time) {
	t.Helper()
	b.when(c, goical.PropDateTimeStart, tt)
	p := c.Props[goical.PropDateTimeStart][0]
	want, tzid := tt.In(b.loc).Format(localLayout), b.loc.String()
	if ambiguous(tt, b.loc) {
		want, tzid = tt.UTC().Format(utcLayout), ""
	}
	if p.Value != want || p.Params.Get(goical.PropTimezoneID) != tzid {
		t.Fatalf("%s in %s: %s;TZID=%s, want %s;TZID=%s", tt, b.loc, p.Value, p.Params.Get(goical.PropTimezoneID), want, tzid)
	}
	b.setUTC(c, goical.PropCreated, tt)
	if got, want := c.Props[goical.PropCreated][0].Value, tt.UTC().Format(utcLayout); got != want {
		t.Fatalf("%s in UTC: %s, want %s", tt, got, want)
	}
}
