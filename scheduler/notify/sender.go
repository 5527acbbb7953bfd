package notify

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"time"
	"unicode/utf8"

	"catruc/scheduler"
)

// Outbox is the durable store of notifications the Sender delivers (the
// SQLite store implements it).
type Outbox interface {
	// DueNotifications returns up to limit pending notifications whose NextAttemptAt <= now, oldest first.
	DueNotifications(ctx context.Context, now time.Time, limit int) ([]*scheduler.Notification, error)
	// MarkSent records delivery.
	MarkSent(ctx context.Context, id int64, at time.Time) error
	// MarkAttempt records a failed attempt: attempts+1, last_error, and either the next attempt time or, when next is nil, status failed.
	MarkAttempt(ctx context.Context, id int64, errMsg string, next *time.Time) error
	// NotificationSettings returns the current settings, secrets included.
	NotificationSettings(ctx context.Context) (scheduler.NotificationSettings, error)
}

// DefaultMaxAttempts is Sender.MaxAttempts when it is 0: with Backoff, the
// last attempt comes about 5 hours after the first.
const DefaultMaxAttempts = 12

// Errors recorded on notifications that cannot be delivered as configured.
var (
	// ErrWebhookRemoved: the notification's webhook URL is no longer in the
	// settings; the notification is failed at once.
	ErrWebhookRemoved = fmt.Errorf("%w: webhook no longer configured", ErrPermanent)
	// ErrSMTPNotConfigured: no SMTP host is set; the email is retried later,
	// so setting SMTP up in time still delivers it.
	ErrSMTPNotConfigured = errors.New("SMTP is not configured")
)

const (
	batchSize       = 100             // notifications read from the outbox at a time
	deliveryTimeout = 2 * time.Minute // bound of one delivery
	maxErrorLen     = 1000            // bytes of an error kept in last_error
	defaultEvery    = time.Minute     // Run's period when given none
)

// Sender delivers the outbox: each due notification is sent once per Flush;
// a failure is recorded and retried after Backoff, until MaxAttempts attempts
// have failed, when the notification is marked failed. Flushes are
// serialised, so Run and an explicit Flush never send the same notification
// twice at once. An outcome the outbox could not record (a database kept
// busy) is kept and recorded before anything else by the next Flushes, and
// its notification is not sent again meanwhile; only a crash between sending
// and recording can repeat a delivery, and the ids carried by both channels
// let receivers drop such repeats.
type Sender struct {
	Outbox      Outbox
	Now         scheduler.Clock // nil: scheduler.SystemClock
	HTTP        *http.Client    // nil: WebhookHTTPClient(settings' allow_private_webhooks)
	Logger      *slog.Logger    // nil: slog.Default()
	MaxAttempts int             // 0: DefaultMaxAttempts
	// Email sends one email; nil: SendEmail.
	Email func(ctx context.Context, s scheduler.SMTP, n *scheduler.Notification) error

	mu          sync.Mutex
	webhookHTTP [2]*http.Client // WebhookHTTPClient(false), (true)
	defaultHTTP *http.Client
	// unrecorded are the outcomes not yet written to the outbox, by
	// notification id; guarded by mu.
	unrecorded map[int64]outcomeRecord
}

// outcomeRecord is the outcome of one attempt, as the outbox records it:
// delivered at At, or failed with Msg and the Next attempt (nil: give up).
type outcomeRecord struct {
	sent bool
	at   time.Time
	msg  string
	next *time.Time
}

// Backoff is the wait after the attempts-th failed attempt (1 for the
// first): 30 s·2^(attempts−1), capped at 1 hour; 0 for attempts < 1.
func Backoff(attempts int) time.Duration {
	const first, ceiling = 30 * time.Second, time.Hour
	if attempts < 1 {
		return 0
	}
	if attempts > 8 { // 30 s·2^7 already exceeds the ceiling; avoids overflow
		return ceiling
	}
	return min(first<<(attempts-1), ceiling)
}

// Flush delivers every notification due now, once each, and returns how many
// were delivered and how many attempts failed (whether the notification will
// be retried or was given up). Delivery errors are recorded on the
// notifications, logged and never stop the others; err reports only what
// kept the outbox from being read or updated (joined), or ctx ending.
func (s *Sender) Flush(ctx context.Context) (sent, failed int, err error) {
	s.mu.Lock()
	defer s.mu.Unlock()

	settings, err := s.Outbox.NotificationSettings(ctx)
	if err != nil {
		return 0, 0, fmt.Errorf("notify: reading the notification settings: %w", err)
	}
	now := s.now()
	seen := make(map[int64]bool)
	errs := s.recordOutcomes(ctx)
	for {
		batch, err := s.Outbox.DueNotifications(ctx, now, batchSize)
		if err != nil {
			errs = append(errs, fmt.Errorf("notify: reading the outbox: %w", err))
			break
		}
		fresh := 0
		for _, n := range batch {
			if ctx.Err() != nil {
				break
			}
			if seen[n.ID] {
				continue // its mark failed: it stays due, but is tried once per Flush
			}
			seen[n.ID] = true
			if _, ok := s.unrecorded[n.ID]; ok {
				continue // its last outcome is still to be recorded: never sent twice for that
			}
			fresh++
			outcome, markErr := s.deliver(ctx, settings, n)
			switch outcome {
			case delivered:
				sent++
			case undelivered:
				failed++
			}
			if markErr != nil {
				errs = append(errs, markErr)
			}
		}
		if ctx.Err() != nil {
			errs = append(errs, ctx.Err())
			break
		}
		if len(batch) < batchSize || fresh == 0 {
			break
		}
	}
	return sent, failed, errors.Join(errs...)
}

// Outcomes of one delivery.
const (
	delivered   = iota
	undelivered // the attempt failed and is recorded (or could not be)
	interrupted // ctx ended during the attempt: nothing is recorded
)

// markTimeout bounds the recording of an outcome, which is done even when
// the Flush's context ends meanwhile: what happened must be written down.
const markTimeout = 10 * time.Second

// deliver sends n once and records the outcome. err is an error recording
// it in the outbox; the outcome is then kept to be recorded by the next Flush.
func (s *Sender) deliver(ctx context.Context, settings scheduler.NotificationSettings, n *scheduler.Notification) (outcome int, err error) {
	log := s.logger().With("notification", n.ID, "channel", n.Channel, "type", n.Type)
	dctx, cancel := context.WithTimeout(ctx, deliveryTimeout)
	sendErr := s.send(dctx, settings, n)
	cancel()

	if sendErr == nil {
		if err := s.record(ctx, n.ID, outcomeRecord{sent: true, at: s.now()}); err != nil {
			log.Warn("notification delivered but not yet marked sent; the mark will be retried, the notification is not sent again",
				"err", err)
			return delivered, fmt.Errorf("notify: marking notification %d sent: %w", n.ID, err)
		}
		log.Info("notification delivered", "attempt", n.Attempts+1)
		return delivered, nil
	}
	if ctx.Err() != nil {
		// Shutting down is not the notification's fault: it stays due as it was.
		log.Info("notification delivery interrupted", "err", errorText(sendErr, settings))
		return interrupted, nil
	}

	attempts := n.Attempts + 1
	msg := errorText(sendErr, settings)
	var next *time.Time
	if !errors.Is(sendErr, ErrPermanent) && attempts < s.maxAttempts() {
		t := s.now().Add(Backoff(attempts))
		next = &t
	}
	if err := s.record(ctx, n.ID, outcomeRecord{msg: msg, next: next}); err != nil {
		log.Warn("notification attempt failed and not yet recorded; the record will be retried before the notification is tried again",
			"attempt", attempts, "err", msg, "mark_err", err)
		return undelivered, fmt.Errorf("notify: recording the failed attempt of notification %d: %w", n.ID, err)
	}
	if next == nil {
		log.Error("notification failed for good", "attempt", attempts, "err", msg)
	} else {
		log.Warn("notification attempt failed; will retry", "attempt", attempts, "next_attempt_at", *next, "err", msg)
	}
	return undelivered, nil
}

// record writes the outcome of an attempt of notification id to the outbox
// (bounded by markTimeout, even when ctx has ended: what happened must be
// written down); when that fails it keeps the outcome for recordOutcomes.
// Called with s.mu held.
func (s *Sender) record(ctx context.Context, id int64, r outcomeRecord) error {
	mctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), markTimeout)
	defer cancel()
	var err error
	if r.sent {
		err = s.Outbox.MarkSent(mctx, id, r.at)
	} else {
		err = s.Outbox.MarkAttempt(mctx, id, r.msg, r.next)
	}
	if err != nil {
		if s.unrecorded == nil {
			s.unrecorded = map[int64]outcomeRecord{}
		}
		s.unrecorded[id] = r
		return err
	}
	delete(s.unrecorded, id)
	return nil
}

// recordOutcomes retries recording the outcomes earlier Flushes could not
// record, before anything is sent; it returns the errors of those that still
// fail (they stay kept). Called with s.mu held.
func (s *Sender) recordOutcomes(ctx context.Context) []error {
	var errs []error
	for id, r := range s.unrecorded {
		if err := s.record(ctx, id, r); err != nil {
			errs = append(errs, fmt.Errorf("notify: recording the outcome of notification %d: %w", id, err))
			continue
		}
		s.logger().Info("notification outcome recorded late", "notification", id, "sent", r.sent)
	}
	return errs
}

// Unrecorded counts the outcomes not yet recorded in the outbox.
func (s *Sender) Unrecorded() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.unrecorded)
}

// send delivers n through its channel with the current settings.
func (s *Sender) send(ctx context.Context, settings scheduler.NotificationSettings, n *scheduler.Notification) error {
	switch n.Channel {
	case scheduler.ChannelEmail:
		if settings.SMTP.Host == "" {
			return ErrSMTPNotConfigured
		}
		email := s.Email
		if email == nil {
			email = SendEmail
		}
		return email(ctx, settings.SMTP, n)
	case scheduler.ChannelWebhook:
		for _, w := range settings.Webhooks {
			if w.URL == n.Recipient {
				return PostWebhook(ctx, s.httpClient(settings.AllowPrivateWebhooks), w, n, s.now())
			}
		}
		return ErrWebhookRemoved
	default:
		return fmt.Errorf("%w: unknown channel %q", ErrPermanent, n.Channel)
	}
}

// errorText is err as stored in last_error and logged: no secret of the
// settings, at most maxErrorLen bytes.
func errorText(err error, settings scheduler.NotificationSettings) string {
	msg := redact(err.Error(), settings.SMTP.Password)
	for _, w := range settings.Webhooks {
		msg = redact(msg, w.Secret)
	}
	if len(msg) > maxErrorLen {
		cut := maxErrorLen
		for cut > 0 && !utf8.RuneStart(msg[cut]) {
			cut--
		}
		msg = msg[:cut] + "…"
	}
	return msg
}

// Run flushes the outbox at once, then every `every` (a minute when ≤ 0) and
// whenever wake receives (which may be nil), until ctx is done. Callers that
// queue a notification send on wake without blocking (a buffered channel of
// one) to deliver it without waiting for the next tick.
func (s *Sender) Run(ctx context.Context, every time.Duration, wake <-chan struct{}) {
	if every <= 0 {
		every = defaultEvery
	}
	ticker := time.NewTicker(every)
	defer ticker.Stop()
	defer s.recordAtExit()
	for {
		if ctx.Err() != nil {
			return
		}
		sent, failed, err := s.Flush(ctx)
		if err != nil && ctx.Err() == nil {
			s.logger().Error("notification outbox flush", "err", err)
		}
		if sent > 0 || failed > 0 {
			s.logger().Debug("notification outbox flushed", "sent", sent, "failed", failed)
		}
		// Outcomes left unrecorded are retried sooner than the next tick.
		retry := time.NewTimer(every)
		if s.Unrecorded() > 0 {
			retry.Reset(min(every, recordRetry))
		}
		select {
		case <-ctx.Done():
			retry.Stop()
			return
		case <-ticker.C:
		case <-retry.C:
		case <-wake:
		}
		retry.Stop()
	}
}

// recordRetry is how soon Run flushes again while outcomes are unrecorded.
const recordRetry = 5 * time.Second

// recordAtExit tries once more to record the outcomes still unrecorded when
// Run ends, stopping at the first failure; those left are logged, as their
// notifications may be sent again by the next start.
func (s *Sender) recordAtExit() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for id, r := range s.unrecorded {
		if err := s.record(context.Background(), id, r); err != nil {
			break
		}
	}
	for id := range s.unrecorded {
		s.logger().Error("notification outcome not recorded at shutdown; it may be sent again", "notification", id)
	}
}

func (s *Sender) now() time.Time {
	if s.Now == nil {
		return scheduler.SystemClock()
	}
	return s.Now()
}

func (s *Sender) logger() *slog.Logger {
	if s.Logger == nil {
		return slog.Default()
	}
	return s.Logger
}

func (s *Sender) maxAttempts() int {
	if s.MaxAttempts <= 0 {
		return DefaultMaxAttempts
	}
	return s.MaxAttempts
}

// httpClient is s.HTTP or the WebhookHTTPClient of allowPrivate, kept for
// the Sender's life (so connections are reused); called with s.mu held.
func (s *Sender) httpClient(allowPrivate bool) *http.Client {
	if s.HTTP != nil {
		return s.HTTP
	}
	i := 0
	if allowPrivate {
		i = 1
	}
	if s.webhookHTTP[i] == nil {
		s.webhookHTTP[i] = WebhookHTTPClient(allowPrivate)
	}
	return s.webhookHTTP[i]
}
