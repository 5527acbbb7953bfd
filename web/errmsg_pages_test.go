package web_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// englishWords are words of an English sentence that no Vietnamese message has.
var englishWords = regexp.MustCompile(`(?i)\b(is|must|not|the|be|has|does|already|required|between|longer|than|should|cannot|exists)\b`)

// fieldError is the text of the message shown next to input name, or "".
func fieldError(body, name string) string {
	i := strings.Index(body, `id="`+name+`-err">`)
	if i < 0 {
		return ""
	}
	s := body[i+len(`id="`+name+`-err">`):]
	if j := strings.Index(s, "</"); j >= 0 {
		s = s[:j]
	}
	return s
}

// Ensure the domain's errors that reached the post and event forms in English
// (a duplicate post code, a code that is not a slug, a requirement without a
// weekday, a name too long, an extra headcount out of range) read in
// Vietnamese next to their field, with no English sentence, and in English
// once the user switches.
func TestAdminFormErrorsInVietnamese(t *testing.T) {
	s := newSite(t)
	hq := admPost(t, s, "tru-so")
	b := admAs(s, "quanly", managerPass)
	b.get("/posts/new")
	post := func(set map[string]string) url.Values {
		f := url.Values{"name": {"Cổng sau"}, "code": {"cong-sau"}, "kind": {"guard"}, "active": {"1"}, "rows": {"1"},
			"req-0-days": {"1", "2"}, "req-0-start": {"07:00"}, "req-0-end": {"17:00"}, "req-0-headcount": {"1"}, "action": {"save"}}
		for k, v := range set {
			if v == "" {
				f.Del(k)
			} else {
				f.Set(k, v)
			}
		}
		return f
	}
	event := func(set map[string]string) url.Values {
		f := url.Values{"title": {"Đón đoàn công tác của Bộ"}, "kind": {"delegation"}, "start": {"2026-12-28T08:00"},
			"end": {"2026-12-28T11:00"}, "extra_headcount": {"1"}, "post_ids": {strconv.FormatInt(hq.ID, 10)}}
		for k, v := range set {
			f.Set(k, v)
		}
		return f
	}
	cases := []struct {
		name   string
		path   string
		form   url.Values
		status int
		field  string
		vi, en string
	}{
		{"duplicate code", "/posts", post(map[string]string{"code": "tru-so"}), http.StatusConflict, "code",
			"Mã «tru-so» đã được dùng cho vọng gác Trụ sở HĐND, UBND tỉnh; hãy chọn mã khác.",
			`already has the code &#34;tru-so&#34;`},
		{"code not a slug", "/posts", post(map[string]string{"code": "Cổng Sau"}), http.StatusBadRequest, "code",
			"Mã «Cổng Sau» không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch nối đơn, tối đa 64 ký tự (ví dụ «tru-so»).",
			"must be a slug"},
		{"requirement without a weekday", "/posts", post(map[string]string{"req-0-days": ""}), http.StatusBadRequest, "req-0-days",
			"Hãy chọn ít nhất một ngày trong tuần.", "days must list at least one ISO weekday"},
		{"post name too long", "/posts", post(map[string]string{"name": strings.Repeat("Vọng gác ", 30)}), http.StatusBadRequest, "name",
			"«Tên» dài quá 200 ký tự.", "Name is longer than 200 characters"},
		{"event title too long", "/events", event(map[string]string{"title": strings.Repeat("Hội nghị ", 40)}), http.StatusBadRequest, "title",
			"«Tiêu đề» dài quá 300 ký tự.", "Title is longer than 300 characters"},
		{"extra headcount out of range", "/events", event(map[string]string{"extra_headcount": "21"}), http.StatusBadRequest, "extra_headcount",
			"Số người tăng thêm phải từ 0 đến 20.", "extra_headcount must be between 0 and 20"},
	}
	for _, lang := range []string{"vi", "en"} {
		b.post("/lang", url.Values{"lang": {lang}, "back": {"/posts"}})
		for _, c := range cases {
			code, body, _ := b.post(c.path, c.form)
			admWant(t, lang+" "+c.name, code, c.status, body)
			msg := fieldError(body, c.field)
			want := c.vi
			if lang == "en" {
				want = c.en
			}
			if !strings.Contains(msg, want) {
				t.Errorf("%s %s: the message next to %s is %q, want %q", lang, c.name, c.field, msg, want)
			}
			if lang == "vi" {
				if w := englishWords.FindString(msg); w != "" {
					t.Errorf("%s: English word %q in the Vietnamese message %q", c.name, w, msg)
				}
			}
		}
	}
	if p := admPost(t, s, "tru-so"); p.Name != hq.Name {
		t.Errorf("the post changed: %+v", p)
	}
}
