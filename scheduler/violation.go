package scheduler

import "time"

// Violation is one breach of a labour rule by one guard over one period.
type Violation struct {
	Rule    string `json:"rule"`
	GuardID int64  `json:"guard_id"`
	// ShiftIDs are the shifts concerned, in time order (see each rule in Check).
	ShiftIDs []int64 `json:"shift_ids"`
	// Value is the figure found and Limit the figure allowed, both in Unit.
	Value float64 `json:"value"`
	Limit float64 `json:"limit"`
	Unit  string  `json:"unit"` // always "hours"
	// Article cites the law, e.g. "Labor Code 2019, Art. 107".
	Article   string `json:"article"`
	Message   string `json:"message"`    // English
	MessageVI string `json:"message_vi"` // Vietnamese
	// Start and End are the period concerned, in the office zone.
	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
}

// Sentence is a message argument that is itself a sentence written in both
// languages (a violation's Message and MessageVI): the English message shows
// EN, a door showing Vietnamese shows VI.
type Sentence struct {
	EN string `json:"en"`
	VI string `json:"vi"`
}

func (s Sentence) String() string { return s.EN }
