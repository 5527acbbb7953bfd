package notify

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"errors"
	"io"
	"log"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// received is one message accepted by the test SMTP server.
type received struct {
	From string   // envelope MAIL FROM
	To   []string // envelope RCPT TO
	User string   // the authenticated user, "" without AUTH
	TLS  bool     // whether the connection was encrypted when DATA came
	Data []byte   // the raw message
}

// smtpOptions configure a test SMTP server.
type smtpOptions struct {
	addr     string            // "" for 127.0.0.1:0
	users    map[string]string // AUTH PLAIN accounts; nil: no AUTH offered nor required
	starttls *tls.Config       // offer STARTTLS with this configuration
	implicit *tls.Config       // listen with implicit TLS with this configuration
}

// testSMTP is a real SMTP server (github.com/emersion/go-smtp) on loopback
// that keeps what it receives.
type testSMTP struct {
	opts smtpOptions
	srv  *smtp.Server
	host string
	port int

	mu   sync.Mutex
	msgs []received
}

// startSMTP starts a test SMTP server that stops when the test ends.
func startSMTP(t *testing.T, opts smtpOptions) *testSMTP {
	t.Helper()
	addr := opts.addr
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen %s: %v", addr, err)
	}
	if opts.implicit != nil {
		l = tls.NewListener(l, opts.implicit)
	}
	ts := &testSMTP{opts: opts}
	ts.srv = smtp.NewServer(ts)
	ts.srv.Domain = "localhost"
	ts.srv.AllowInsecureAuth = true
	ts.srv.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are expected
	ts.srv.ReadTimeout = 10 * time.Second
	ts.srv.WriteTimeout = 10 * time.Second
	ts.srv.TLSConfig = opts.starttls
	tcp := l.Addr().(*net.TCPAddr)
	ts.host, ts.port = tcp.IP.String(), tcp.Port
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = ts.srv.Serve(l)
	}()
	t.Cleanup(func() {
		_ = ts.srv.Close()
		<-done
	})
	return ts
}

// messages returns what the server has received so far.
func (ts *testSMTP) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.msgs...)
}

// NewSession implements smtp.Backend.
func (ts *testSMTP) NewSession(c *smtp.Conn) (smtp.Session, error) {
	return &testSession{server: ts, conn: c}, nil
}

// testSession implements smtp.Session and smtp.AuthSession.
type testSession struct {
	server *testSMTP
	conn   *smtp.Conn
	user   string
	from   string
	to     []string
}

var _ smtp.AuthSession = (*testSession)(nil)

func (s *testSession) AuthMechanisms() []string {
	if s.server.opts.users == nil {
		return nil
	}
	return []string{sasl.Plain}
}

func (s *testSession) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain || s.server.opts.users == nil {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(identity, username, password string) error {
		want, ok := s.server.opts.users[username]
		if !ok || want != password || (identity != "" && identity != username) {
			return errors.New("invalid username or password")
		}
		s.user = username
		return nil
	}), nil
}

func (s *testSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.server.opts.users != nil && s.user == "" {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *testSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.to = append(s.to, to)
	return nil
}

func (s *testSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState()
	s.server.mu.Lock()
	defer s.server.mu.Unlock()
	s.server.msgs = append(s.server.msgs, received{From: s.from, To: s.to, User: s.user, TLS: isTLS, Data: b})
	return nil
}

func (s *testSession) Reset() { s.from, s.to = "", nil }

func (s *testSession) Logout() error { return nil }

// testCA returns a server certificate for 127.0.0.1 and a client
// configuration that trusts it.
func testCA(t *testing.T) (server, client *tls.Config) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "catruc test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	server = &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}, MinVersion: tls.VersionTLS12}
	client = &tls.Config{RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS12}
	return server, client
}

// parsedEmail is a received message decoded as a mail client would.
type parsedEmail struct {
	Header  mail.Header
	Subject string            // RFC 2047-decoded
	Parts   map[string]string // media type → decoded UTF-8 content
	Charset map[string]string // media type → charset parameter
}

// parseEmail decodes a raw message: headers, subject and its text parts,
// whether the message is a single part or multipart/alternative.
func parseEmail(t *testing.T, raw []byte) parsedEmail {
	t.Helper()
	m, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("parse message: %v\n%s", err, raw)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
	if err != nil {
		t.Fatalf("decode subject %q: %v", m.Header.Get("Subject"), err)
	}
	p := parsedEmail{Header: m.Header, Subject: subject, Parts: map[string]string{}, Charset: map[string]string{}}
	mediaType, params, err := mime.ParseMediaType(m.Header.Get("Content-Type"))
	if err != nil {
		t.Fatalf("Content-Type %q: %v", m.Header.Get("Content-Type"), err)
	}
	if !strings.HasPrefix(mediaType, "multipart/") {
		// The line break that ends the message is not part of the content.
		body := strings.TrimSuffix(decodeTransfer(t, m.Header.Get("Content-Transfer-Encoding"), m.Body), "\r\n")
		body = strings.TrimSuffix(body, "\n")
		p.Parts[mediaType] = body
		p.Charset[mediaType] = strings.ToLower(params["charset"])
		return p
	}
	mr := multipart.NewReader(m.Body, params["boundary"])
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("multipart: %v", err)
		}
		pt, pparams, err := mime.ParseMediaType(part.Header.Get("Content-Type"))
		if err != nil {
			t.Fatalf("part Content-Type %q: %v", part.Header.Get("Content-Type"), err)
		}
		// NextPart decodes quoted-printable itself and drops the header.
		p.Parts[pt] = decodeTransfer(t, part.Header.Get("Content-Transfer-Encoding"), part)
		p.Charset[pt] = strings.ToLower(pparams["charset"])
	}
	return p
}

// decodeTransfer reads r, undoing the transfer encoding cte.
func decodeTransfer(t *testing.T, cte string, r io.Reader) string {
	t.Helper()
	switch strings.ToLower(cte) {
	case "quoted-printable":
		r = quotedprintable.NewReader(r)
	case "base64":
		r = base64.NewDecoder(base64.StdEncoding, r)
	}
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("read body (%s): %v", cte, err)
	}
	return string(b)
}
