package standin

import (
	"bytes"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// SMTPServer is a real SMTP server (emersion/go-smtp) on loopback that
// keeps every mail it accepts, for tests of what people receive.
type SMTPServer struct {
	// URL is what FIREBREAK_SMTP_URL is set to.
	URL string

	mu      sync.Mutex
	changed chan struct{}
	mails   []Mail
	// refused are recipient domains answered 550 (a mailbox that does
	// not exist: a permanent refusal).
	refused []string
}

// RefuseRecipientsAt makes the server refuse, for good, mail to addresses
// at domain.
func (s *SMTPServer) RefuseRecipientsAt(domain string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refused = append(s.refused, "@"+domain)
}

// Mail is one accepted message.
type Mail struct {
	From    string
	To      []string
	Header  mail.Header
	Subject string
	Body    string
}

// StartSMTP starts the server; it stops with the test.
func StartSMTP(t testing.TB) *SMTPServer {
	t.Helper()
	s := &SMTPServer{changed: make(chan struct{})}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) { return &smtpSession{server: s}, nil }))
	srv.Domain = "localhost"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(l) }()
	t.Cleanup(func() { _ = srv.Close() })
	s.URL = "smtp://" + l.Addr().String()
	return s
}

// WaitFor waits, woken by each mail, until ready accepts the mails so far.
func (s *SMTPServer) WaitFor(t testing.TB, within time.Duration, what string, ready func([]Mail) bool) []Mail {
	t.Helper()
	deadline := time.After(within)
	for {
		s.mu.Lock()
		mails, changed := append([]Mail(nil), s.mails...), s.changed
		s.mu.Unlock()
		if ready(mails) {
			return mails
		}
		select {
		case <-changed:
		case <-deadline:
			t.Fatalf("SMTP: %s did not arrive within %s; got %d mails", what, within, len(mails))
			return nil
		}
	}
}

// Mails returns the mails so far.
func (s *SMTPServer) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

type smtpSession struct {
	server *SMTPServer
	from   string
	to     []string
}

func (x *smtpSession) Reset()        { x.from, x.to = "", nil }
func (x *smtpSession) Logout() error { return nil }
func (x *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	x.from = from
	return nil
}
func (x *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.server.mu.Lock()
	defer x.server.mu.Unlock()
	for _, domain := range x.server.refused {
		if strings.HasSuffix(strings.ToLower(to), domain) {
			return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such mailbox"}
		}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *smtpSession) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return err
	}
	body, err := io.ReadAll(msg.Body)
	if err != nil {
		return err
	}
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		if body, err = io.ReadAll(quotedprintable.NewReader(bytes.NewReader(body))); err != nil {
			return err
		}
	}
	subject, _ := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	s := x.server
	s.mu.Lock()
	defer s.mu.Unlock()
	s.mails = append(s.mails, Mail{From: x.from, To: x.to, Header: msg.Header, Subject: subject, Body: string(body)})
	close(s.changed)
	s.changed = make(chan struct{})
	return nil
}
