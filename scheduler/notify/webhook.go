package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	"catruc/scheduler"
)

// Webhook request headers.
const (
	HeaderTimestamp = "X-Catruc-Timestamp" // unix seconds when the request was signed
	HeaderSignature = "X-Catruc-Signature" // "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body)
	HeaderDelivery  = "X-Catruc-Delivery"  // the notification's WebhookID, the same on every retry
)

// signaturePrefix starts the value of X-Catruc-Signature.
const signaturePrefix = "sha256="

// webhookTimeout bounds one POST when PostWebhook builds its own client.
const webhookTimeout = 30 * time.Second

// maxErrorBody is how much of a failed answer's body is read for the error.
const maxErrorBody = 4 << 10

// maxErrorSnippet is how much of it goes into the error message.
const maxErrorSnippet = 256

// Payload is the JSON body of a webhook request.
type Payload struct {
	ID        string          `json:"id"`         // Notification.WebhookID(): "ntf_<id>"
	Type      string          `json:"type"`       // a scheduler.Type… constant
	CreatedAt string          `json:"created_at"` // RFC 3339
	Data      json.RawMessage `json:"data"`       // null when the notification has no data
}

// WebhookBody returns the exact JSON body PostWebhook sends for n. An invalid
// n.Data gives an error wrapping ErrPermanent.
func WebhookBody(n *scheduler.Notification) ([]byte, error) {
	p := Payload{ID: n.WebhookID(), Type: n.Type, CreatedAt: n.CreatedAt.Format(time.RFC3339)}
	if len(bytes.TrimSpace(n.Data)) > 0 {
		if !json.Valid(n.Data) {
			return nil, permanent(errors.New("webhook: the notification data is not valid JSON"))
		}
		p.Data = n.Data
	}
	return json.Marshal(p)
}

// DefaultHTTPClient is the client PostWebhook uses when given nil: a
// 30-second timeout and no redirects (a redirected POST would silently
// become a GET; a 3xx is reported as a failed delivery instead).
func DefaultHTTPClient() *http.Client {
	return &http.Client{
		Timeout: webhookTimeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// ErrPrivateAddress is the dial error of a webhook whose host resolves to an
// address that is not public (scheduler.PrivateAddr) while the settings do
// not allow private webhooks.
var ErrPrivateAddress = errors.New("the address is loopback, private or link-local and allow_private_webhooks is off")

// WebhookHTTPClient is the client the Sender delivers configured webhooks
// with: DefaultHTTPClient, and unless allowPrivate a dialer that refuses
// every address that is not public (checked on the address actually dialled,
// after DNS, so a name that points inside the network later is still
// refused). The guarded client connects directly, never through an HTTP
// proxy, so that the check sees the real destination.
func WebhookHTTPClient(allowPrivate bool) *http.Client {
	c := DefaultHTTPClient()
	if allowPrivate {
		return c
	}
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Control: refusePrivate}
	c.Transport = &http.Transport{
		DialContext:           d.DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	return c
}

// refusePrivate is a net.Dialer Control func: it refuses to connect to an
// address that is not public.
func refusePrivate(_, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return ErrPrivateAddress
	}
	a, err := netip.ParseAddr(host)
	if err != nil || scheduler.PrivateAddr(a) {
		return ErrPrivateAddress
	}
	return nil
}

// PostWebhook POSTs notification n to w.URL as JSON (see Payload) signed with
// w.Secret at time now: headers Content-Type: application/json,
// User-Agent: catruc, X-Catruc-Timestamp, X-Catruc-Signature and
// X-Catruc-Delivery. A 2xx answer is delivery; any other status or a network
// error is an error that says what happened. client nil means
// DefaultHTTPClient(). Errors never contain the secret nor the URL (which
// may embed a token).
func PostWebhook(ctx context.Context, client *http.Client, w scheduler.Webhook, n *scheduler.Notification, now time.Time) error {
	body, err := WebhookBody(n)
	if err != nil {
		return err
	}
	u, err := url.Parse(w.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return permanent(errors.New("webhook: the URL is not an absolute http or https URL"))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(body))
	if err != nil {
		return permanent(errors.New("webhook: the URL is not usable"))
	}
	ts := now.Unix()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "catruc")
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts, 10))
	req.Header.Set(HeaderSignature, Sign(w.Secret, ts, body))
	req.Header.Set(HeaderDelivery, n.WebhookID())

	if client == nil {
		client = DefaultHTTPClient()
	}
	resp, err := client.Do(req)
	if err != nil {
		// *url.Error repeats the URL, which may carry a token: keep the cause only.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("webhook: POST to %s failed: %s", u.Host, redact(err.Error(), w.Secret))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody)) // lets the connection be reused
		return nil
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBody))
	msg := fmt.Sprintf("webhook: %s answered %s", u.Host, resp.Status)
	if s := snippet(b); s != "" {
		msg += ": " + s
	}
	return errors.New(redact(msg, w.Secret))
}

// snippet is the start of a response body fit for an error message: valid
// UTF-8, one line, at most maxErrorSnippet bytes.
func snippet(b []byte) string {
	s := strings.ToValidUTF8(string(b), "\uFFFD")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxErrorSnippet {
		cut := maxErrorSnippet
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// Sign returns the value of the X-Catruc-Signature header for body sent at
// timestamp (unix seconds): "sha256=" followed by the lowercase hex
// HMAC-SHA256 keyed with secret of timestamp + "." + body.
func Sign(secret string, timestamp int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(strconv.FormatInt(timestamp, 10)))
	mac.Write([]byte{'.'})
	mac.Write(body)
	return signaturePrefix + hex.EncodeToString(mac.Sum(nil))
}

// Verify checks a received webhook: timestampHeader and signatureHeader are
// the values of X-Catruc-Timestamp and X-Catruc-Signature, body the raw
// request body. The signature must match (compared in constant time) and, when
// tolerance > 0, the timestamp must be within tolerance of now, which stops
// replays of old requests. It returns an EUNAUTHORIZED *scheduler.Error
// saying what is wrong, or nil.
func Verify(secret, timestampHeader, signatureHeader string, body []byte, now time.Time, tolerance time.Duration) error {
	ts, err := strconv.ParseInt(strings.TrimSpace(timestampHeader), 10, 64)
	if err != nil {
		return scheduler.E(scheduler.EUNAUTHORIZED, "", "webhook.bad_timestamp", "header", HeaderTimestamp)
	}
	sig, ok := strings.CutPrefix(strings.TrimSpace(signatureHeader), signaturePrefix)
	if !ok {
		return scheduler.E(scheduler.EUNAUTHORIZED, "", "webhook.bad_signature_prefix", "header", HeaderSignature, "prefix", signaturePrefix)
	}
	got, err := hex.DecodeString(sig)
	if err != nil {
		return scheduler.E(scheduler.EUNAUTHORIZED, "", "webhook.signature_not_hex", "header", HeaderSignature)
	}
	want, _ := hex.DecodeString(strings.TrimPrefix(Sign(secret, ts, body), signaturePrefix))
	if !hmac.Equal(got, want) {
		return scheduler.E(scheduler.EUNAUTHORIZED, "", "webhook.signature_mismatch")
	}
	if tolerance > 0 {
		age := now.Sub(time.Unix(ts, 0))
		if age > tolerance || age < -tolerance {
			return scheduler.E(scheduler.EUNAUTHORIZED, "", "webhook.timestamp_skew", "age", age.Round(time.Second), "tolerance", tolerance)
		}
	}
	return nil
}
