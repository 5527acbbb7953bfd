package web

import "strings"

// lawArticle cites the law a violation rests on in language l. The domain
// cites it in English ("Labor Code 2019, Art. 107", "Labor Code 2019, Arts.
// 105, 107"); in Vietnamese that is "Bộ luật Lao động 2019, Điều 107" and
// "Bộ luật Lao động 2019, Điều 105, 107". A citation of another form is
// shown as it is.
func lawArticle(l, a string) string {
	if l == "en" {
		return a
	}
	code, nums, ok := strings.Cut(a, ", Art")
	year, isLabor := strings.CutPrefix(code, "Labor Code ")
	if !ok || !isLabor {
		return a
	}
	nums = strings.TrimPrefix(strings.TrimPrefix(nums, "s"), ".")
	return "Bộ luật Lao động " + year + ", Điều " + strings.TrimSpace(nums)
}
