package scheduler

// messagesSettings: the office, working-time rules, notifications (SMTP,
// webhooks), jobs and holidays. See messages.go.
var messagesSettings = map[string]string{
	"office.timezone_not_iana": "timezone must be an IANA zone such as Asia/Ho_Chi_Minh",
	"office.timezone_unknown":  "unknown time zone \"{zone}\"",

	"rules.hours_range":  "{field} must be between {min} and {max} hours",
	"rules.night_same":   "night_end must differ from night_start",
	"rules.unknown_rule": "\"{rule}\" is not a rule; rules are {rules}",
	"rules.bad_mode":     "enforcement must be \"warn\" or \"block\", not \"{mode}\"",

	"jobs.unknown":             "there is no job \"{job}\" (jobs: {jobs})",
	"jobs.bad_schedule":        "\"{spec}\" is not a cron schedule (e.g. \"*/5 * * * *\", \"30 6 * * *\", \"@daily\" or \"off\"): {detail}",
	"jobs.reminder_lead_range": "each lead must be between 1 minute and 7 days",

	"smtp.tls_unknown":    "tls must be \"none\", \"starttls\" or \"tls\"",
	"smtp.tls_invalid":    "must be \"none\", \"starttls\" or \"tls\", not \"{tls}\"",
	"smtp.host_with_port": "host must be a host name or address without a port",
	"smtp.host_required":  "the SMTP host is required",
	"smtp.from_required":  "the sender address is required",
	"smtp.from_not_email": "from must be an email address (it may carry a name: \"Catruc <catruc@example.vn>\")",
	"smtp.port_range":     "the port must be between 1 and 65535 (0 for the default of the TLS mode)",

	"webhook.bad_url":              "url must be an http or https URL",
	"webhook.url_twice":            "the same url is listed twice",
	"webhook.unknown_type":         "unknown event type \"{type}\" (types: {types})",
	"webhook.bad_timestamp":        "webhook: {header} is missing or not unix seconds",
	"webhook.bad_signature_prefix": "webhook: {header} is missing or does not start with \"{prefix}\"",
	"webhook.signature_not_hex":    "webhook: {header} is not hexadecimal",
	"webhook.signature_mismatch":   "webhook: the signature does not match",
	"webhook.timestamp_skew":       "webhook: the timestamp is {age} away from now, more than the {tolerance} allowed",

	"holiday.year_range":            "year must be between {min} and {max}",
	"holiday.date_range":            "date must be between {min} and {max}",
	"holiday.name_required":         "name is required (at most {max} characters)",
	"holiday.exists":                "{date} is already a holiday ({name})",
	"holiday.not_holiday":           "{date} is not a holiday",
	"holiday.tet_days_off":          "the Tết days off starting {date} do not include lunar New Year's day {tet}",
	"holiday.national_day_adjacent": "{date} is not next to Quốc khánh {national_day}",
}
