package scheduler

// messagesPay: the timesheet for pay and its settings (issue 13). See messages.go.
var messagesPay = map[string]string{
	"pay.rate_range":        "must be between {min} and {max} (percent)",
	"timesheet.bad_month":   "month must be a month as YYYY-MM, e.g. 2025-12, not \"{value}\"",
	"timesheet.month_range": "month must be between {min} and {max}",
}
