package ical

import "testing"

func BenchmarkTmpCalendar(b *testing.B) {
	f := rosterFeed(b, 210, true)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		calendar(f)
	}
}

func BenchmarkTmpEncode(b *testing.B) {
	f := rosterFeed(b, 210, true)
	cal, _ := calendar(f)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		encode(cal, 2048+1024*1290)
	}
}
