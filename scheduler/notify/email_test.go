package notify

import (
	"context"
	"errors"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"catruc/scheduler"
)

const (
	vnSubject = "Cảnh báo: Trụ sở HĐND, UBND tỉnh thiếu người trực"
	vnText    = "Ca đêm 01/03/2026 (22:00–06:00) tại Trụ sở HĐND, UBND tỉnh còn thiếu 2 người.\nĐề nghị đồng chí trực ban bố trí người thay thế."
	vnHTML    = "<p>Ca đêm 01/03/2026 (22:00–06:00) tại <b>Trụ sở HĐND, UBND tỉnh</b> còn thiếu 2 người.</p><p>Đề nghị đồng chí trực ban bố trí người thay thế.</p>"
)

func vnNotification(id int64) *scheduler.Notification {
	return &scheduler.Notification{
		ID:        id,
		Channel:   scheduler.ChannelEmail,
		Recipient: "truc.ban@sonoivu.gov.vn",
		Type:      scheduler.TypeAlertOpened,
		Subject:   vnSubject,
		BodyText:  vnText,
		BodyHTML:  vnHTML,
		Status:    scheduler.NotifyPending,
		CreatedAt: time.Date(2026, 3, 1, 21, 30, 0, 0, time.UTC),
	}
}

func ctxT(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// Ensure an email arrives with the sender, recipient, Vietnamese subject and
// text/HTML parts intact, UTF-8 declared, and the notification's stable
// Message-ID and X-Catruc-Notification header, for every body shape.
func TestSendEmailDeliversVietnamese(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		html      string
		wantParts map[string]string
	}{
		{"text and html", vnText, vnHTML, map[string]string{"text/plain": vnText, "text/html": vnHTML}},
		{"text only", vnText, "", map[string]string{"text/plain": vnText}},
		{"html only", "", vnHTML, map[string]string{"text/html": vnHTML}},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSMTP(t, smtpOptions{})
			cfg := scheduler.SMTP{Host: srv.host, Port: srv.port, From: "Văn phòng UBND tỉnh <vanphong@ubnd.gov.vn>", TLS: TLSNone}
			n := vnNotification(int64(40 + i))
			n.BodyText, n.BodyHTML = tt.text, tt.html

			if err := SendEmail(ctxT(t), cfg, n); err != nil {
				t.Fatalf("SendEmail: %v", err)
			}
			msgs := srv.messages()
			if len(msgs) != 1 {
				t.Fatalf("server received %d messages, want 1", len(msgs))
			}
			got := msgs[0]
			if got.From != "vanphong@ubnd.gov.vn" || len(got.To) != 1 || got.To[0] != n.Recipient {
				t.Errorf("envelope = %q → %q, want %q → [%q]", got.From, got.To, "vanphong@ubnd.gov.vn", n.Recipient)
			}
			if got.User != "" || got.TLS {
				t.Errorf("user %q, TLS %v; want no AUTH and no TLS with tls none and no username", got.User, got.TLS)
			}
			e := parseEmail(t, got.Data)
			from, err := mail.ParseAddress(e.Header.Get("From"))
			if err != nil {
				t.Fatalf("From %q: %v", e.Header.Get("From"), err)
			}
			if from.Name != "Văn phòng UBND tỉnh" || from.Address != "vanphong@ubnd.gov.vn" {
				t.Errorf("From = %q <%s>, want %q <%s>", from.Name, from.Address, "Văn phòng UBND tỉnh", "vanphong@ubnd.gov.vn")
			}
			to, err := mail.ParseAddress(e.Header.Get("To"))
			if err != nil || to.Address != n.Recipient {
				t.Errorf("To = %q (%v), want %q", e.Header.Get("To"), err, n.Recipient)
			}
			if raw := e.Header.Get("Subject"); !strings.Contains(raw, "=?UTF-8?") {
				t.Errorf("raw Subject %q is not RFC 2047-encoded UTF-8", raw)
			}
			if e.Subject != vnSubject {
				t.Errorf("Subject = %q, want %q", e.Subject, vnSubject)
			}
			if got, want := e.Header.Get("Message-ID"), "<"+MessageID(n.ID)+">"; got != want {
				t.Errorf("Message-ID = %q, want %q", got, want)
			}
			if got, want := e.Header.Get(HeaderNotification), itoa(n.ID); got != want {
				t.Errorf("%s = %q, want %q", HeaderNotification, got, want)
			}
			if len(e.Parts) != len(tt.wantParts) {
				t.Errorf("parts = %q, want %q", keys(e.Parts), keys(tt.wantParts))
			}
			for typ, want := range tt.wantParts {
				if got := strings.ReplaceAll(e.Parts[typ], "\r\n", "\n"); got != want {
					t.Errorf("%s part = %q, want %q", typ, got, want)
				}
				if e.Charset[typ] != "utf-8" {
					t.Errorf("%s charset = %q, want utf-8", typ, e.Charset[typ])
				}
			}
		})
	}
}

// Ensure two sends of one notification carry the same Message-ID, so the
// recipient's mail client can recognise a re-sent email.
func TestSendEmailMessageIDStable(t *testing.T) {
	srv := startSMTP(t, smtpOptions{})
	cfg := scheduler.SMTP{Host: srv.host, Port: srv.port, From: "vanphong@ubnd.gov.vn", TLS: TLSNone}
	for range 2 {
		if err := SendEmail(ctxT(t), cfg, vnNotification(7)); err != nil {
			t.Fatal(err)
		}
	}
	if err := SendEmail(ctxT(t), cfg, vnNotification(8)); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, m := range srv.messages() {
		ids = append(ids, parseEmail(t, m.Data).Header.Get("Message-ID"))
	}
	want := []string{"<ntf-7@catruc>", "<ntf-7@catruc>", "<ntf-8@catruc>"}
	if strings.Join(ids, " ") != strings.Join(want, " ") {
		t.Errorf("Message-IDs = %q, want %q", ids, want)
	}
}

// Ensure AUTH PLAIN is used exactly when a username is set: the right
// password delivers as that user; a wrong one, a missing one or a server
// without AUTH is an error that never shows the password, and nothing is
// delivered.
func TestSendEmailAuth(t *testing.T) {
	const user, pass = "canbo.vanthu", "Mật-khẩu-đúng-2026"
	tests := []struct {
		name     string
		users    map[string]string
		username string
		password string
		wantErr  string // "" for delivery
	}{
		{"right password", map[string]string{user: pass}, user, pass, ""},
		{"wrong password", map[string]string{user: pass}, user, "sai-mat-khau-bi-mat", "AUTH"},
		{"unknown user", map[string]string{user: pass}, "nguoi.la", pass, "AUTH"},
		{"no username but server requires AUTH", map[string]string{user: pass}, "", "", "authenticate"},
		{"username but server offers no AUTH", nil, user, pass, "AUTH"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSMTP(t, smtpOptions{users: tt.users})
			cfg := scheduler.SMTP{Host: srv.host, Port: srv.port, Username: tt.username, Password: tt.password,
				From: "vanphong@ubnd.gov.vn", TLS: TLSNone}
			err := SendEmail(ctxT(t), cfg, vnNotification(1))
			msgs := srv.messages()
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("SendEmail: %v", err)
				}
				if len(msgs) != 1 || msgs[0].User != tt.username {
					t.Fatalf("received %d messages (user %v), want 1 from %q", len(msgs), users(msgs), tt.username)
				}
				return
			}
			if err == nil {
				t.Fatalf("SendEmail succeeded, want an error containing %q", tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %q does not contain %q", err, tt.wantErr)
			}
			if tt.password != "" && strings.Contains(err.Error(), tt.password) {
				t.Errorf("error %q contains the password", err)
			}
			if len(msgs) != 0 {
				t.Errorf("received %d messages, want none", len(msgs))
			}
		})
	}
}

// Ensure the tls setting maps to the right transport: "starttls" upgrades
// and refuses a server without STARTTLS (no silent downgrade), "tls" speaks
// TLS from the first byte and fails against a plain server, "none" stays
// plain even when STARTTLS is offered.
func TestSendEmailTLSModes(t *testing.T) {
	serverTLS, clientTLS := testCA(t)
	tests := []struct {
		name    string
		server  smtpOptions
		mode    string
		wantErr bool
		wantTLS bool
	}{
		{"starttls upgrades", smtpOptions{starttls: serverTLS}, TLSStartTLS, false, true},
		{"empty mode means starttls", smtpOptions{starttls: serverTLS}, "", false, true},
		{"starttls refuses a server without STARTTLS", smtpOptions{}, TLSStartTLS, true, false},
		{"implicit tls", smtpOptions{implicit: serverTLS}, TLSImplicit, false, true},
		{"implicit tls refuses a plain server", smtpOptions{}, TLSImplicit, true, false},
		{"none stays plain", smtpOptions{starttls: serverTLS}, TLSNone, false, false},
		{"starttls with AUTH", smtpOptions{starttls: serverTLS, users: map[string]string{"u": "p@ss"}}, TLSStartTLS, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := startSMTP(t, tt.server)
			cfg := scheduler.SMTP{Host: srv.host, Port: srv.port, From: "vanphong@ubnd.gov.vn", TLS: tt.mode}
			if tt.server.users != nil {
				cfg.Username, cfg.Password = "u", "p@ss"
			}
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			err := sendEmail(ctx, cfg, vnNotification(3), clientTLS.Clone())
			msgs := srv.messages()
			if tt.wantErr {
				if err == nil || len(msgs) != 0 {
					t.Fatalf("err = %v, %d messages received; want an error and none", err, len(msgs))
				}
				return
			}
			if err != nil {
				t.Fatalf("sendEmail: %v", err)
			}
			if len(msgs) != 1 {
				t.Fatalf("received %d messages, want 1", len(msgs))
			}
			if msgs[0].TLS != tt.wantTLS {
				t.Errorf("TLS = %v, want %v", msgs[0].TLS, tt.wantTLS)
			}
			if got := parseEmail(t, msgs[0].Data).Subject; got != vnSubject {
				t.Errorf("Subject = %q, want %q", got, vnSubject)
			}
		})
	}
}

// Ensure a certificate the system does not trust is refused: SendEmail does
// not skip verification.
func TestSendEmailVerifiesCertificate(t *testing.T) {
	serverTLS, _ := testCA(t)
	srv := startSMTP(t, smtpOptions{implicit: serverTLS})
	cfg := scheduler.SMTP{Host: srv.host, Port: srv.port, From: "vanphong@ubnd.gov.vn", TLS: TLSImplicit}
	err := SendEmail(ctxT(t), cfg, vnNotification(1))
	if err == nil || !strings.Contains(err.Error(), "certificate") {
		t.Errorf("err = %v, want a certificate error", err)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("received %d messages, want none", n)
	}
}

// Ensure invalid settings are EINVALID errors naming the field, and a bad
// recipient is a permanent error, all before any connection is made.
func TestSendEmailInvalid(t *testing.T) {
	// A listener that counts connections proves none is made.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	conns := make(chan struct{}, 10)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			conns <- struct{}{}
			c.Close()
		}
	}()
	port := l.Addr().(*net.TCPAddr).Port
	ok := scheduler.SMTP{Host: "127.0.0.1", Port: port, From: "vanphong@ubnd.gov.vn", TLS: TLSNone}
	tests := []struct {
		name      string
		edit      func(s *scheduler.SMTP, n *scheduler.Notification)
		wantField string
		wantPerm  bool
	}{
		{"no host", func(s *scheduler.SMTP, _ *scheduler.Notification) { s.Host = " " }, "smtp.host", false},
		{"no from", func(s *scheduler.SMTP, _ *scheduler.Notification) { s.From = "" }, "smtp.from", false},
		{"from not an address", func(s *scheduler.SMTP, _ *scheduler.Notification) { s.From = "văn phòng" }, "smtp.from", false},
		{"unknown tls mode", func(s *scheduler.SMTP, _ *scheduler.Notification) { s.TLS = "ssl" }, "smtp.tls", false},
		{"port out of range", func(s *scheduler.SMTP, _ *scheduler.Notification) { s.Port = 70000 }, "smtp.port", false},
		{"recipient not an address", func(_ *scheduler.SMTP, n *scheduler.Notification) { n.Recipient = "trực ban" }, "recipient", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, n := ok, vnNotification(1)
			tt.edit(&s, n)
			err := SendEmail(ctxT(t), s, n)
			if got := scheduler.ErrorCode(err); got != scheduler.EINVALID {
				t.Fatalf("code = %q (%v), want %q", got, err, scheduler.EINVALID)
			}
			if got := scheduler.ErrorField(err); got != tt.wantField {
				t.Errorf("field = %q, want %q", got, tt.wantField)
			}
			if got := errors.Is(err, ErrPermanent); got != tt.wantPerm {
				t.Errorf("permanent = %v, want %v", got, tt.wantPerm)
			}
		})
	}
	// The valid settings through the same listener do connect (and fail, as
	// the listener hangs up), which shows the count can see a connection. A
	// connection is counted before the listener hangs up, so before SendEmail
	// returns.
	if err := SendEmail(ctxT(t), ok, vnNotification(1)); err == nil {
		t.Error("SendEmail to a listener that hangs up succeeded")
	}
	if got := len(conns); got != 1 {
		t.Errorf("%d connections, want 1: the valid send only", got)
	}
}

func itoa(n int64) string { return (&scheduler.Notification{ID: n}).WebhookID()[len("ntf_"):] }

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func users(msgs []received) []string {
	var us []string
	for _, m := range msgs {
		us = append(us, m.User)
	}
	return us
}
