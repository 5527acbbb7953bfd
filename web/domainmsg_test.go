package web

import (
	"strings"
	"testing"

	"catruc/scheduler"
)

// Ensure every message key of the domain has Vietnamese words on the pages,
// using only arguments the English text has: a key added without its
// translation fails here instead of showing English to a Vietnamese reader.
func TestEveryErrorKeyHasVietnamese(t *testing.T) {
	keys := scheduler.MessageKeys()
	if len(keys) == 0 {
		t.Fatal("the domain catalogue is empty")
	}
	for _, k := range keys {
		vi, ok := errorTextVI(k)
		if !ok {
			t.Errorf("key %q has no Vietnamese text", k)
			continue
		}
		if strings.TrimSpace(vi) == "" {
			t.Errorf("key %q: empty Vietnamese text", k)
		}
		en := map[string]bool{"field": true}
		for _, p := range scheduler.Placeholders(scheduler.MessageEN(k)) {
			en[p] = true
		}
		for _, p := range scheduler.Placeholders(vi) {
			if !en[p] {
				t.Errorf("key %q: the Vietnamese text uses {%s}, which the English does not have", k, p)
			}
		}
	}
	// And no Vietnamese text for a key the domain no longer has.
	for _, m := range errorAreasVI {
		for k := range m {
			if !scheduler.HasMessage(k) {
				t.Errorf("Vietnamese text for %q, which is not a domain key", k)
			}
		}
	}
}

// Ensure a keyed error reads in Vietnamese with its arguments, field labels
// included, and in English from the domain's text.
func TestDomainMessageByKey(t *testing.T) {
	err := scheduler.E(scheduler.EINVALID, "name", "common.too_long", "max", 200)
	if got, want := domainMessage("vi", err), "«Tên» dài quá 200 ký tự."; got != want {
		t.Errorf("vi = %q, want %q", got, want)
	}
	if got, want := domainMessage("en", err), "Name is longer than 200 characters"; got != want {
		t.Errorf("en = %q, want %q", got, want)
	}
	legacy := &scheduler.Error{Code: scheduler.EINVALID, Field: "phone", Message: `"x" is odd`}
	if got := domainMessage("vi", legacy); strings.Contains(got, "odd") || !strings.Contains(got, "Số điện thoại") {
		t.Errorf("an unkeyed error in Vietnamese = %q: want no English, the field's label", got)
	}
}
