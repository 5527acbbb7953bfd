package scheduler

import (
	"net/netip"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/robfig/cron/v3"
)

// This file holds the checks that keep settings (admin-only, still) from
// harming the office: jobs that would run every second, backups written
// anywhere, line breaks smuggled into mail commands and headers, and
// webhooks aimed at the machine's own network.

// MinJobInterval is the shortest time between two runs of a job.
const MinJobInterval = time.Minute

// checkJobSchedule refuses a schedule that can fire twice within
// MinJobInterval ("@every 1s"). The five-field specs fire at most once a
// minute; descriptors are checked by their next few runs from a fixed
// instant (a cron schedule repeats within a year).
func checkJobSchedule(field string, s cron.Schedule) error {
	if s == nil {
		return nil
	}
	if d, ok := s.(cron.ConstantDelaySchedule); ok {
		if d.Delay < MinJobInterval {
			return E(EINVALID, field, "jobs.too_often", "minutes", 1)
		}
		return nil
	}
	t := s.Next(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	for range 5 {
		next := s.Next(t)
		if next.IsZero() {
			return nil
		}
		if next.Sub(t) < MinJobInterval {
			return E(EINVALID, field, "jobs.too_often", "minutes", 1)
		}
		t = next
	}
	return nil
}

// checkBackupDir accepts "" (a folder beside the database) or an absolute
// path of one line: a relative one would depend on where the server starts.
func checkBackupDir(dir string) error {
	if dir == "" {
		return nil
	}
	if err := checkOneLine("backup_dir", dir); err != nil {
		return err
	}
	if !filepath.IsAbs(dir) {
		return E(EINVALID, "backup_dir", "jobs.backup_dir_relative", "value", dir)
	}
	return nil
}

// checkOneLine refuses a value with a line break or another control
// character: SMTP commands and mail headers end at a line break, so a
// host, user name, sender or person's name holding one could add its own.
func checkOneLine(field, s string) error {
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return E(EINVALID, field, "input.line_break")
		}
	}
	return nil
}

// checkSMTPLines applies checkOneLine to what goes into SMTP commands and
// mail headers.
func (ns *NotificationSettings) checkSMTPLines() error {
	for _, f := range []struct{ field, value string }{
		{"smtp.host", ns.SMTP.Host}, {"smtp.username", ns.SMTP.Username}, {"smtp.from", ns.SMTP.From},
	} {
		if err := checkOneLine(f.field, f.value); err != nil {
			return err
		}
	}
	for _, l := range []struct {
		field string
		ps    []Person
	}{{"managers", ns.Managers}, {"escalation", ns.Escalation}} {
		for i, p := range l.ps {
			if err := checkOneLine(l.field+"["+strconv.Itoa(i)+"].name", p.Name); err != nil {
				return err
			}
		}
	}
	return nil
}

// checkWebhookHost refuses, unless private webhooks are allowed, a webhook
// whose host is a name of this machine (localhost) or a literal address that
// is not public (see PrivateAddr). Names are checked again, resolved, when
// the webhook is sent (the sender's dialer), since DNS may change.
func (ns *NotificationSettings) checkWebhookHost(field string, u *url.URL) error {
	if ns.AllowPrivateWebhooks {
		return nil
	}
	host := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	private := host == "localhost" || strings.HasSuffix(host, ".localhost")
	if a, ok := literalAddr(host); ok {
		private = PrivateAddr(a)
	}
	if private {
		return E(EINVALID, field, "webhook.private_address", "host", u.Hostname())
	}
	return nil
}

// PrivateAddr reports whether a is not a public unicast address: loopback,
// private (RFC 1918, fc00::/7), link-local, multicast, unspecified, shared
// (100.64.0.0/10), "this network" (0.0.0.0/8) or an IPv4-mapped form of one.
// Webhooks refuse such addresses unless allow_private_webhooks is set.
func PrivateAddr(a netip.Addr) bool {
	a = a.Unmap()
	if !a.IsValid() || a.IsLoopback() || a.IsPrivate() || a.IsLinkLocalUnicast() || a.IsLinkLocalMulticast() ||
		a.IsInterfaceLocalMulticast() || a.IsMulticast() || a.IsUnspecified() {
		return true
	}
	if a.Is4() {
		b := a.As4()
		return b[0] == 0 || (b[0] == 100 && b[1]&0xc0 == 64) || b[0] >= 240
	}
	return false
}

// literalAddr reads host as an IP address, including the shorthand IPv4
// forms some resolvers accept ("127.1", "2130706433", "0x7f000001", octal
// parts), so that none of them slips past PrivateAddr.
func literalAddr(host string) (netip.Addr, bool) {
	if a, err := netip.ParseAddr(host); err == nil {
		return a, true
	}
	parts := strings.Split(host, ".")
	if len(parts) > 4 {
		return netip.Addr{}, false
	}
	var vals []uint64
	for _, p := range parts {
		v, err := strconv.ParseUint(p, 0, 32) // base prefix: 0x hex, 0 octal
		if err != nil {
			return netip.Addr{}, false
		}
		vals = append(vals, v)
	}
	var n uint64
	for i, v := range vals {
		if i < len(vals)-1 {
			if v > 0xff {
				return netip.Addr{}, false
			}
			n |= v << (8 * (3 - i))
			continue
		}
		if v >= 1<<(8*(4-i)) {
			return netip.Addr{}, false
		}
		n |= v
	}
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}), true
}

// UpgradeStored brings job settings stored before the hardening rules above
// within them, keeping what they meant: a schedule that fires more often
// than once a minute runs every minute; a relative backup_dir becomes the
// absolute folder it named from the server's working directory. Settings
// saved since are already within the rules and stay as they are.
func (j *JobSettings) UpgradeStored() {
	for name, spec := range j.Schedules {
		if s, err := ParseSchedule(spec); err == nil && checkJobSchedule("", s) != nil {
			j.Schedules[name] = "@every 1m"
		}
	}
	if j.BackupDir != "" && !filepath.IsAbs(j.BackupDir) && checkOneLine("backup_dir", j.BackupDir) == nil {
		if abs, err := filepath.Abs(j.BackupDir); err == nil {
			j.BackupDir = abs
		}
	}
}
