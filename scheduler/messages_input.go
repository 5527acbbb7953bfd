package scheduler

// messagesInput are the messages of hostile or out-of-bounds input: dates
// outside the range the service accepts, settings that would harm the
// office, repeated decisions. See messages.go.
var messagesInput = map[string]string{
	"input.date_range":         "the date lies outside {min} … {max}, the dates the roster accepts",
	"input.offset_range":       "the UTC offset must be less than 24 hours (e.g. +07:00)",
	"input.line_break":         "{field} must be one line, without a line break or control character",
	"jobs.too_often":           "a job may run at most once every {minutes} minute",
	"jobs.backup_dir_relative": "backup_dir must be an absolute path (e.g. /var/backups/catruc), not \"{value}\"",
	"swap.already_approved":    "the swap is already approved",
	"swap.already_declined":    "the swap request was declined; it cannot be approved",
	"webhook.private_address":  "the webhook host {host} is a loopback, private or link-local address; set allow_private_webhooks to allow it",
}
