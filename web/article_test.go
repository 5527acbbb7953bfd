package web

import "testing"

// Ensure a violation's citation of the Labor Code reads in Vietnamese on a
// Vietnamese page and stays as the domain wrote it in English.
func TestLawArticle(t *testing.T) {
	tests := []struct{ in, vi string }{
		{"Labor Code 2019, Art. 107", "Bộ luật Lao động 2019, Điều 107"},
		{"Labor Code 2019, Arts. 105, 107", "Bộ luật Lao động 2019, Điều 105, 107"},
		{"Labor Code 2019, Art. 111", "Bộ luật Lao động 2019, Điều 111"},
		{"", ""},
		{"Nghị định 145/2020", "Nghị định 145/2020"}, // another form: as it is
	}
	for _, tt := range tests {
		if got := lawArticle("vi", tt.in); got != tt.vi {
			t.Errorf("vi %q = %q, want %q", tt.in, got, tt.vi)
		}
		if got := lawArticle("en", tt.in); got != tt.in {
			t.Errorf("en %q = %q, want it unchanged", tt.in, got)
		}
	}
}
