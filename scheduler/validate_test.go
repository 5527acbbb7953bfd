package scheduler_test

import (
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

func validPost() scheduler.Post {
	return scheduler.Post{Code: "tru-so", Name: "Trụ sở HĐND, UBND tỉnh", Kind: "guard", Active: true,
		Requirements: []scheduler.Requirement{{Days: []int{1, 2, 3, 4, 5, 6, 7}, Start: "00:00", End: "00:00", Headcount: 1}}}
}

// Ensure every post validation rule answers with the field at fault.
func TestPostValidate(t *testing.T) {
	cases := []struct {
		name  string
		edit  func(p *scheduler.Post)
		field string // "" means valid
	}{
		{"valid", func(p *scheduler.Post) {}, ""},
		{"valid crossing midnight", func(p *scheduler.Post) { p.Requirements[0].Start, p.Requirements[0].End = "22:00", "06:00" }, ""},
		{"valid police", func(p *scheduler.Post) { p.Kind = "police" }, ""},
		{"no code", func(p *scheduler.Post) { p.Code = "" }, "code"},
		{"code with capitals", func(p *scheduler.Post) { p.Code = "Tru-So" }, "code"},
		{"code with spaces", func(p *scheduler.Post) { p.Code = "tru so" }, "code"},
		{"code with trailing hyphen", func(p *scheduler.Post) { p.Code = "tru-" }, "code"},
		{"no name", func(p *scheduler.Post) { p.Name = "  " }, "name"},
		{"name too long", func(p *scheduler.Post) { p.Name = strings.Repeat("ư", 201) }, "name"},
		{"bad kind", func(p *scheduler.Post) { p.Kind = "army" }, "kind"},
		{"bad contact email", func(p *scheduler.Post) { p.Contact.Email = "not-an-email" }, "contact.email"},
		{"bad contact phone", func(p *scheduler.Post) { p.Contact.Phone = "call me" }, "contact.phone"},
		{"no days", func(p *scheduler.Post) { p.Requirements[0].Days = nil }, "requirements[0].days"},
		{"day 0", func(p *scheduler.Post) { p.Requirements[0].Days = []int{0} }, "requirements[0].days"},
		{"day 8", func(p *scheduler.Post) { p.Requirements[0].Days = []int{8} }, "requirements[0].days"},
		{"day twice", func(p *scheduler.Post) { p.Requirements[0].Days = []int{1, 1} }, "requirements[0].days"},
		{"bad start", func(p *scheduler.Post) { p.Requirements[0].Start = "24:00" }, "requirements[0].start"},
		{"start without colon", func(p *scheduler.Post) { p.Requirements[0].Start = "0700" }, "requirements[0].start"},
		{"bad end", func(p *scheduler.Post) { p.Requirements[0].End = "7:00" }, "requirements[0].end"},
		{"headcount 0", func(p *scheduler.Post) { p.Requirements[0].Headcount = 0 }, "requirements[0].headcount"},
		{"headcount 21", func(p *scheduler.Post) { p.Requirements[0].Headcount = 21 }, "requirements[0].headcount"},
		{"headcount 20", func(p *scheduler.Post) { p.Requirements[0].Headcount = 20 }, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := validPost()
			tc.edit(&p)
			err := p.Validate()
			if got := scheduler.ErrorField(err); got != tc.field || (tc.field == "") != (err == nil) {
				t.Fatalf("field = %q (err %v), want %q", got, err, tc.field)
			}
			if err != nil && scheduler.ErrorCode(err) != scheduler.EINVALID {
				t.Fatalf("code = %q, want invalid", scheduler.ErrorCode(err))
			}
		})
	}
}

// Ensure guard validation names fields and normalises skills and post ids.
func TestGuardValidate(t *testing.T) {
	cases := []struct {
		name  string
		g     scheduler.Guard
		field string
	}{
		{"valid", scheduler.Guard{Name: "Nguyễn Văn An", Unit: "office"}, ""},
		{"valid other team", scheduler.Guard{Name: "Lê Văn Tự", Unit: "Trung đội tự vệ"}, ""},
		{"no name", scheduler.Guard{Unit: "office"}, "name"},
		{"no unit", scheduler.Guard{Name: "An"}, "unit"},
		{"bad email", scheduler.Guard{Name: "An", Unit: "office", Email: "an@"}, "email"},
		{"bad phone", scheduler.Guard{Name: "An", Unit: "office", Phone: "12"}, "phone"},
		{"empty skill", scheduler.Guard{Name: "An", Unit: "office", Skills: []string{" "}}, "skills"},
		{"bad post id", scheduler.Guard{Name: "An", Unit: "office", PostIDs: []int64{0}}, "post_ids"},
		{"control character", scheduler.Guard{Name: "An\x00", Unit: "office"}, "name"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.g.Validate()
			if got := scheduler.ErrorField(err); got != tc.field || (tc.field == "") != (err == nil) {
				t.Fatalf("field = %q (err %v), want %q", got, err, tc.field)
			}
		})
	}
	g := scheduler.Guard{Name: " An ", Unit: "office", Skills: []string{"PCCC", "PCCC", "sơ cứu"}, PostIDs: []int64{2, 2, 1}}
	if err := g.Validate(); err != nil {
		t.Fatal(err)
	}
	if g.Name != "An" || strings.Join(g.Skills, ",") != "PCCC,sơ cứu" || len(g.PostIDs) != 2 {
		t.Fatalf("normalised guard = %+v", g)
	}
}

// Ensure shift validation enforces duration bounds (> 0, ≤ 24 h) and status.
func TestShiftValidate(t *testing.T) {
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	start := time.Date(2026, 12, 1, 7, 0, 0, 0, loc)
	gid := int64(1)
	bad := int64(-3)
	cases := []struct {
		name  string
		s     scheduler.Shift
		field string
	}{
		{"valid", scheduler.Shift{PostID: 1, GuardID: &gid, Start: start, End: start.Add(24 * time.Hour)}, ""},
		{"open shift", scheduler.Shift{PostID: 1, Start: start, End: start.Add(8 * time.Hour)}, ""},
		{"no post", scheduler.Shift{GuardID: &gid, Start: start, End: start.Add(time.Hour)}, "post_id"},
		{"bad guard", scheduler.Shift{PostID: 1, GuardID: &bad, Start: start, End: start.Add(time.Hour)}, "guard_id"},
		{"no start", scheduler.Shift{PostID: 1, End: start}, "start"},
		{"no end", scheduler.Shift{PostID: 1, Start: start}, "end"},
		{"zero length", scheduler.Shift{PostID: 1, Start: start, End: start}, "end"},
		{"end before start", scheduler.Shift{PostID: 1, Start: start, End: start.Add(-time.Hour)}, "end"},
		{"over 24 h", scheduler.Shift{PostID: 1, Start: start, End: start.Add(24*time.Hour + time.Minute)}, "end"},
		{"bad status", scheduler.Shift{PostID: 1, Start: start, End: start.Add(time.Hour), Status: "done"}, "status"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.s.Validate()
			if got := scheduler.ErrorField(err); got != tc.field || (tc.field == "") != (err == nil) {
				t.Fatalf("field = %q (err %v), want %q", got, err, tc.field)
			}
		})
	}
}

// Ensure time off needs a guard, an order, a known kind.
func TestTimeOffValidate(t *testing.T) {
	start := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		name  string
		t     scheduler.TimeOff
		field string
	}{
		{"valid", scheduler.TimeOff{GuardID: 1, Start: start, End: start.Add(48 * time.Hour), Kind: "sick"}, ""},
		{"no guard", scheduler.TimeOff{Start: start, End: start.Add(time.Hour), Kind: "leave"}, "guard_id"},
		{"reversed", scheduler.TimeOff{GuardID: 1, Start: start, End: start.Add(-time.Hour), Kind: "leave"}, "end"},
		{"bad kind", scheduler.TimeOff{GuardID: 1, Start: start, End: start.Add(time.Hour), Kind: "holiday"}, "kind"},
		{"too long", scheduler.TimeOff{GuardID: 1, Start: start, End: start.AddDate(2, 0, 0), Kind: "leave"}, "end"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.t.Validate()
			if got := scheduler.ErrorField(err); got != tc.field || (tc.field == "") != (err == nil) {
				t.Fatalf("field = %q (err %v), want %q", got, err, tc.field)
			}
		})
	}
}

// Ensure clock times and instants parse as the wire format promises.
func TestParseClockAndInstant(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{{"00:00", 0, true}, {"07:30", 450, true}, {"23:59", 1439, true}, {"24:00", 0, false}, {"7:30", 0, false}, {"07:60", 0, false}, {"", 0, false}} {
		got, err := scheduler.ParseClock(tc.in)
		if (err == nil) != tc.ok || got != tc.want {
			t.Errorf("ParseClock(%q) = %d, %v; want %d ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
	loc, _ := time.LoadLocation("Asia/Ho_Chi_Minh")
	got, err := scheduler.ParseInstant("2026-12-07", loc)
	if err != nil || got.Format(time.RFC3339) != "2026-12-07T00:00:00+07:00" {
		t.Fatalf("date = %v, %v", got, err)
	}
	got, err = scheduler.ParseInstant("2026-12-07T22:00:00Z", loc)
	if err != nil || got.UTC().Format(time.RFC3339) != "2026-12-07T22:00:00Z" {
		t.Fatalf("instant = %v, %v", got, err)
	}
	if _, err := scheduler.ParseInstant("2026-12-07 22:00", loc); err == nil {
		t.Fatal("an instant without offset was accepted")
	}
}
