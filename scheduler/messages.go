package scheduler

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
)

// The message catalogue: every key an Error may carry, with its English text.
// A text names the error's arguments in braces: "post {post} is not active".
// The doors render a key in their user's language from the key and the
// arguments (the API in English beside the key, the pages from their own
// Vietnamese/English catalogue); a test fails where a door lacks a key.
//
// Each area of the domain keeps its keys in its own map (messages_*.go);
// messageAreas lists them all.
var messageAreas = []map[string]string{
	messagesCommon,
	messagesRoster,
	messagesPeople,
	messagesSettings,
	messagesCalendar,
	messagesAPI,
	messagesService,
	messagesBody,
	messagesPlan,
	messagesPlanner,
	messagesLoad,
	messagesInput,
	messagesDuty,
	messagesIncidents,
	messagesPay,
}

// catalogue is every area's messages in one map, merged once.
var catalogue = sync.OnceValue(func() map[string]string { return MergeAreas("scheduler", messageAreas) })

// MergeAreas merges the maps of a catalogue's areas into one; a key defined
// in two areas is a bug, and panics naming what (e.g. "scheduler") and the key.
// The pages' words (web) are merged the same way.
func MergeAreas[V any](what string, areas []map[string]V) map[string]V {
	out := map[string]V{}
	for _, area := range areas {
		for k, v := range area {
			if _, dup := out[k]; dup {
				panic(what + ": message key defined twice: " + k)
			}
			out[k] = v
		}
	}
	return out
}

// MessageEN is the English text of key, or the key itself when it is unknown
// (so that a missing text is visible rather than silent).
func MessageEN(key string) string {
	if t, ok := catalogue()[key]; ok {
		return t
	}
	return key
}

// HasMessage reports whether key is in the catalogue.
func HasMessage(key string) bool {
	_, ok := catalogue()[key]
	return ok
}

// MessageKeys lists every key of the catalogue, sorted.
func MessageKeys() []string {
	out := make([]string, 0, len(catalogue()))
	for k := range catalogue() {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

var placeholderRE = regexp.MustCompile(`\{([a-z_]+)\}`)

// Placeholders lists the argument names a text uses, in order, once each.
func Placeholders(text string) []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range placeholderRE.FindAllStringSubmatch(text, -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

// RenderMessage fills text's placeholders from args, each value written by
// format (a door's way of writing numbers, dates and lists). A placeholder
// without an argument is left as it is.
func RenderMessage(text string, args map[string]any, format func(any) string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	return placeholderRE.ReplaceAllStringFunc(text, func(m string) string {
		v, ok := args[m[1:len(m)-1]]
		if !ok {
			return m
		}
		return format(v)
	})
}

// FormatArgEN writes an argument for the English message: instants as
// "2006-01-02 15:04" in their own zone (the store reads them in the office
// zone), lists joined by commas, anything else as fmt prints it.
func FormatArgEN(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.Format("2006-01-02 15:04")
	case *time.Time:
		if x == nil {
			return ""
		}
		return x.Format("2006-01-02 15:04")
	case []string:
		return strings.Join(x, ", ")
	case fmt.Stringer:
		return x.String()
	}
	return fmt.Sprint(v)
}
