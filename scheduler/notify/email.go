// Package notify delivers the notification outbox: email through SMTP
// (github.com/wneessen/go-mail) and signed JSON webhooks, with a Sender that
// retries failed deliveries with exponential backoff.
//
// Notifications are rendered when they are queued (see scheduler.Notification),
// so a retry sends exactly the same content, and both channels carry the
// notification's stable id (the email's Message-ID, the webhook's "id") so a
// receiver can recognise a repeat.
package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	mail "github.com/wneessen/go-mail"

	"catruc/scheduler"
)

// SMTP transport security modes (scheduler.SMTP.TLS).
const (
	TLSNone     = "none"     // plain SMTP, no encryption
	TLSStartTLS = "starttls" // STARTTLS, mandatory: no fallback to plain text
	TLSImplicit = "tls"      // implicit TLS from the first byte (SMTPS)
)

// Default ports per mode when scheduler.SMTP.Port is 0.
const (
	portPlain    = 25
	portStartTLS = 587
	portImplicit = 465
)

// smtpTimeout bounds the connection and each SMTP command.
const smtpTimeout = 30 * time.Second

// HeaderNotification is the email header that carries the notification id.
const HeaderNotification = "X-Catruc-Notification"

// ErrPermanent marks a delivery error that no retry can fix (a malformed
// recipient address, an undecodable payload): the Sender fails such a
// notification at once. Test it with errors.Is.
var ErrPermanent = errors.New("permanent failure")

// permanent wraps err so that errors.Is(err, ErrPermanent) holds while
// errors.As still finds the original error.
func permanent(err error) error {
	return fmt.Errorf("%w: %w", ErrPermanent, err)
}

// MessageID returns the Message-ID (without angle brackets) of the email of
// notification id: the same for every attempt, so a re-sent email can be
// recognised.
func MessageID(id int64) string {
	return "ntf-" + strconv.FormatInt(id, 10) + "@catruc"
}

// ValidateSMTP checks the settings SendEmail needs and returns an EINVALID
// *scheduler.Error naming the field at fault (smtp.host, smtp.from, smtp.port,
// smtp.tls). TLS "" is accepted and means "starttls".
func ValidateSMTP(s scheduler.SMTP) error {
	if strings.TrimSpace(s.Host) == "" {
		return scheduler.E(scheduler.EINVALID, "smtp.host", "smtp.host_required")
	}
	if strings.TrimSpace(s.From) == "" {
		return scheduler.E(scheduler.EINVALID, "smtp.from", "smtp.from_required")
	}
	if s.Port < 0 || s.Port > 65535 {
		return scheduler.E(scheduler.EINVALID, "smtp.port", "smtp.port_range")
	}
	switch s.TLS {
	case "", TLSNone, TLSStartTLS, TLSImplicit:
	default:
		return scheduler.E(scheduler.EINVALID, "smtp.tls", "smtp.tls_invalid", "tls", s.TLS)
	}
	return nil
}

// SendEmail sends notification n to n.Recipient through the SMTP server of s:
// a UTF-8 message with the text part and, when n.BodyHTML is set, an HTML
// alternative; the subject is RFC 2047-encoded. The Message-ID is
// MessageID(n.ID) and the header X-Catruc-Notification carries n.ID.
//
// s.TLS "none" sends in plain text, "starttls" (or "") requires STARTTLS and
// "tls" uses implicit TLS; s.Port 0 means 25, 587 or 465 respectively.
// AUTH PLAIN is used exactly when s.Username is set; go-mail refuses to send
// PLAIN credentials over an unencrypted connection except to localhost, so
// "none" with a username works only against a local relay.
//
// Invalid settings give an EINVALID *scheduler.Error naming the field; an
// invalid recipient gives an error wrapping ErrPermanent. Errors never
// contain the password.
func SendEmail(ctx context.Context, s scheduler.SMTP, n *scheduler.Notification) error {
	return sendEmail(ctx, s, n, nil)
}

// sendEmail is SendEmail with an optional TLS configuration (tests use it to
// trust their own certificate authority).
func sendEmail(ctx context.Context, s scheduler.SMTP, n *scheduler.Notification, tlsConfig *tls.Config) error {
	if err := ValidateSMTP(s); err != nil {
		return err
	}
	msg, err := buildMessage(s, n)
	if err != nil {
		return err
	}

	opts := []mail.Option{mail.WithTimeout(smtpTimeout)}
	port := s.Port
	// The policy options are applied before WithPort on purpose: go-mail's
	// WithSSLPort/WithTLSPortPolicy rewrite a port of 25 to 465/587, so they
	// are not used at all; the default port is chosen here instead.
	switch s.TLS {
	case TLSNone:
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
		if port == 0 {
			port = portPlain
		}
	case TLSImplicit:
		opts = append(opts, mail.WithSSL())
		if port == 0 {
			port = portImplicit
		}
	default: // "starttls" or ""
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
		if port == 0 {
			port = portStartTLS
		}
	}
	opts = append(opts, mail.WithPort(port))
	if tlsConfig != nil {
		opts = append(opts, mail.WithTLSConfig(tlsConfig))
	}
	if s.Username != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain),
			mail.WithUsername(s.Username), mail.WithPassword(s.Password))
	}

	client, err := mail.NewClient(s.Host, opts...)
	if err != nil {
		return fmt.Errorf("smtp: %s", redact(err.Error(), s.Password))
	}
	if err := client.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("smtp %s:%d: %s", s.Host, port, redact(err.Error(), s.Password))
	}
	return nil
}

// buildMessage renders n as a go-mail message from s.From.
func buildMessage(s scheduler.SMTP, n *scheduler.Notification) (*mail.Msg, error) {
	msg := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if err := msg.From(s.From); err != nil {
		return nil, scheduler.E(scheduler.EINVALID, "smtp.from", "common.not_email", "value", s.From)
	}
	if err := msg.To(n.Recipient); err != nil {
		return nil, permanent(scheduler.E(scheduler.EINVALID, "recipient", "common.not_email", "value", n.Recipient))
	}
	msg.Subject(n.Subject)
	msg.SetMessageIDWithValue(MessageID(n.ID))
	msg.SetGenHeader(mail.Header(HeaderNotification), strconv.FormatInt(n.ID, 10))
	// RFC 3834: keeps vacation responders from answering a notification.
	msg.SetGenHeader(mail.Header("Auto-Submitted"), "auto-generated")
	msg.SetUserAgent("catruc")
	switch {
	case n.BodyHTML == "":
		msg.SetBodyString(mail.TypeTextPlain, n.BodyText)
	case n.BodyText == "":
		msg.SetBodyString(mail.TypeTextHTML, n.BodyHTML)
	default:
		msg.SetBodyString(mail.TypeTextPlain, n.BodyText)
		msg.AddAlternativeString(mail.TypeTextHTML, n.BodyHTML)
	}
	return msg, nil
}

// minRedact is the length from which a secret is redacted from messages:
// replacing a shorter one would garble the text (every "s" for a secret "s").
const minRedact = 4

// redact removes secret from s: a last guard so that a password can never
// reach a log or the outbox's last_error.
func redact(s, secret string) string {
	if len(secret) < minRedact {
		return s
	}
	return strings.ReplaceAll(s, secret, "[redacted]")
}
