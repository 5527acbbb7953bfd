package web_test

import (
	"context"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	"catruc/scheduler"
	"github.com/chromedp/chromedp"
)

func TestAdmZZShots(t *testing.T) {
	s := newSite(t)
	post, ids := admFourGuards(t, s)
	_ = ids
	ctx := context.Background()
	s.st.CreateTimeOff(ctx, &scheduler.TimeOff{GuardID: admGuard(t, s, "Nguyễn Văn An"), Kind: "training", Status: "requested", Start: time.Date(2026, 12, 14, 7, 0, 0, 0, s.loc), End: time.Date(2026, 12, 16, 17, 0, 0, 0, s.loc), Note: "Tập huấn"})
	s.st.CreateEvent(ctx, &scheduler.Event{Title: "Đón đoàn khách Bộ Công an", Kind: "delegation", Start: time.Date(2026, 12, 9, 14, 0, 0, 0, s.loc), End: time.Date(2026, 12, 9, 16, 0, 0, 0, s.loc), NotifyPolice: true, PostIDs: []int64{1, 3}, ExtraHeadcount: 2})
	s.st.CreateUser(ctx, &scheduler.User{Name: "quantri", Role: "admin"}, adminPass)
	c := newChrome(t, s)
	c.login("quantri", adminPass)
	os.MkdirAll("/tmp/adm_shots", 0o755)
	shot := func(name string) {
		png, err := chromedp.Run(c.ctx, chromedp.FullScreenshot(100))
		if err != nil {
			t.Fatal(err)
		}
		os.WriteFile("/tmp/adm_shots/"+name+".png", png, 0o644)
	}
	for _, p := range []string{"/rotations", "/rotations/1", "/guards", "/guards/1", "/posts", "/posts/1", "/time-off", "/events", "/events/new", "/violations", "/staffing", "/settings"} {
		if st := c.open(p); st != 200 {
			t.Errorf("%s: %d", p, st)
		}
		name := url.PathEscape(p)
		shot(name)
	}
	c.open("/rotations/new?post=" + strconv.FormatInt(post.ID, 10))
	c.do("fill", chromedp.SetValue(chromedp.ID("name"), "Ba ca cổng phụ"),
		chromedp.SetValue(chromedp.ID("member-0"), strconv.FormatInt(ids[0], 10)),
		chromedp.SetValue(chromedp.ID("member-1"), strconv.FormatInt(ids[1], 10)),
		chromedp.SetValue(chromedp.ID("member-2"), strconv.FormatInt(ids[2], 10)),
		chromedp.SetValue(chromedp.ID("member-3"), strconv.FormatInt(ids[3], 10)))
	st := c.submit("preview", chromedp.Click(chromedp.CSS(`button[value="preview"]`)))
	t.Log("preview", st)
	shot("preview")
	c.viewport(390, 800, true)
	c.open("/time-off")
	shot("phone-timeoff")
	c.open("/posts/1")
	shot("phone-post")
}
