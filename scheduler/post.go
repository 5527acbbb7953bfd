package scheduler

import (
	"context"
	"fmt"
	"net/mail"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// Post kinds.
const (
	PostKindGuard  = "guard"  // held by the office's own guards
	PostKindPolice = "police" // the police squad's own post
)

// Post is a place that must be held: the headquarters, the citizen-reception
// site, the police post.
type Post struct {
	ID   int64  `json:"id"`
	Code string `json:"code"` // unique slug: lowercase letters, digits, '-'
	Name string `json:"name"`
	Site string `json:"site"` // where it is (address or building)
	Kind string `json:"kind"` // PostKindGuard or PostKindPolice
	// Contact is who to call about the post; for the police post, the squad.
	Contact      Contact       `json:"contact"`
	Requirements []Requirement `json:"requirements"`
	// ShiftTemplates are the shifts the planner lays at the post; empty
	// means DefaultTemplates (see Templates).
	ShiftTemplates []ShiftTemplate `json:"shift_templates"`
	// Handover is the handover clock "HH:MM" of the post's active rotation
	// ("" when none; read-only, set by the store): the default 3×8 of a
	// 24/24 post starts there (see DefaultTemplates).
	Handover  string    `json:"handover,omitempty"`
	Active    bool      `json:"active"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// Contact is a person or team to reach.
type Contact struct {
	Name  string `json:"name"`
	Phone string `json:"phone"`
	Email string `json:"email"`
}

// Requirement says how many people must be on duty at a post on some weekdays
// between two clock times of the office zone. Start == End means the whole
// day; End < Start crosses midnight into the next day (the days name the day
// the stretch starts on).
type Requirement struct {
	Days      []int  `json:"days"`  // ISO weekdays, 1 = Monday … 7 = Sunday
	Start     string `json:"start"` // "HH:MM"
	End       string `json:"end"`   // "HH:MM"
	Headcount int    `json:"headcount"`
}

// MaxHeadcount bounds one requirement's headcount.
const MaxHeadcount = 20

var codeRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Validate checks a post as it would be stored.
func (p *Post) Validate() error {
	p.Code = strings.TrimSpace(p.Code)
	p.Name = strings.TrimSpace(p.Name)
	p.Site = strings.TrimSpace(p.Site)
	if p.Code == "" {
		return E(EINVALID, "code", "common.required")
	}
	if len(p.Code) > 64 || !codeRE.MatchString(p.Code) {
		return E(EINVALID, "code", "post.code_not_slug", "code", p.Code, "max", 64)
	}
	if err := validateText("name", p.Name, true, 200); err != nil {
		return err
	}
	if err := validateText("site", p.Site, false, 300); err != nil {
		return err
	}
	if p.Kind != PostKindGuard && p.Kind != PostKindPolice {
		return E(EINVALID, "kind", "post.kind_unknown")
	}
	if err := p.Contact.validate("contact"); err != nil {
		return err
	}
	if p.Requirements == nil {
		p.Requirements = []Requirement{}
	}
	for i := range p.Requirements {
		if err := p.Requirements[i].Validate(fmt.Sprintf("requirements[%d]", i)); err != nil {
			return err
		}
	}
	if p.ShiftTemplates == nil {
		p.ShiftTemplates = []ShiftTemplate{}
	}
	return ValidateTemplates("shift_templates", p.ShiftTemplates)
}

func (c *Contact) validate(field string) error {
	c.Name = strings.TrimSpace(c.Name)
	c.Phone = strings.TrimSpace(c.Phone)
	c.Email = strings.TrimSpace(c.Email)
	if err := validateText(field+".name", c.Name, false, 200); err != nil {
		return err
	}
	if err := validatePhone(field+".phone", c.Phone); err != nil {
		return err
	}
	return validateEmail(field+".email", c.Email)
}

// Validate checks one requirement; field prefixes the names of its fields in errors.
func (r *Requirement) Validate(field string) error {
	if len(r.Days) == 0 {
		return E(EINVALID, field+".days", "requirement.no_weekday")
	}
	seen := map[int]bool{}
	for _, d := range r.Days {
		if d < 1 || d > 7 {
			return E(EINVALID, field+".days", "requirement.bad_weekday", "day", d)
		}
		if seen[d] {
			return E(EINVALID, field+".days", "requirement.weekday_twice", "day", d)
		}
		seen[d] = true
	}
	if _, err := ParseClock(r.Start); err != nil {
		return AtField(err, field+".start")
	}
	if _, err := ParseClock(r.End); err != nil {
		return AtField(err, field+".end")
	}
	if r.Headcount < 1 || r.Headcount > MaxHeadcount {
		return E(EINVALID, field+".headcount", "requirement.headcount_range", "max", MaxHeadcount)
	}
	return nil
}

// StartMinute and EndMinute are the clock times in minutes after midnight;
// they assume a validated requirement.
func (r Requirement) StartMinute() int { m, _ := ParseClock(r.Start); return m }
func (r Requirement) EndMinute() int   { m, _ := ParseClock(r.End); return m }

// OnDay reports whether the requirement applies to stretches starting on ISO weekday d.
func (r Requirement) OnDay(d int) bool {
	for _, x := range r.Days {
		if x == d {
			return true
		}
	}
	return false
}

// PostFilter selects posts; zero fields select all.
type PostFilter struct {
	ID     *int64
	Kind   string
	Active *bool
}

// PostService persists posts.
type PostService interface {
	// FindPosts returns the posts that match, ordered by id.
	FindPosts(ctx context.Context, f PostFilter) ([]*Post, error)
	// FindPostByID returns ENOTFOUND if there is no such post.
	FindPostByID(ctx context.Context, id int64) (*Post, error)
	// CreatePost validates and stores p, setting its id and times.
	// ECONFLICT (field code) if the code is taken.
	CreatePost(ctx context.Context, p *Post) error
	// UpdatePost loads the post, lets fn change it, validates and stores it,
	// all in one transaction. ENOTFOUND, EINVALID, ECONFLICT.
	UpdatePost(ctx context.Context, id int64, fn func(*Post) error) (*Post, error)
	// DeletePost removes a post that nothing refers to; ECONFLICT if shifts
	// refer to it (deactivate it instead).
	DeletePost(ctx context.Context, id int64) error
}

func validateText(field, s string, required bool, max int) error {
	if required && s == "" {
		return E(EINVALID, field, "common.required")
	}
	if !utf8.ValidString(s) {
		return E(EINVALID, field, "common.not_utf8")
	}
	if utf8.RuneCountInString(s) > max {
		return E(EINVALID, field, "common.too_long", "max", max)
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\t' {
			return E(EINVALID, field, "common.control_char")
		}
	}
	return nil
}

var phoneRE = regexp.MustCompile(`^\+?[0-9][0-9 .\-]{5,19}$`)

func validatePhone(field, s string) error {
	if s == "" {
		return nil
	}
	if !phoneRE.MatchString(s) {
		return E(EINVALID, field, "common.not_phone", "value", s)
	}
	return nil
}

func validateEmail(field, s string) error {
	if s == "" {
		return nil
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || len(s) > 254 {
		return E(EINVALID, field, "common.not_email", "value", s)
	}
	return nil
}
