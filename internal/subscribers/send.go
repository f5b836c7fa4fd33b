package subscribers

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wneessen/go-mail"

	"firebreak/internal/database"
	"firebreak/internal/incident"
	"firebreak/models"
)

// errUndeliverable marks a message that can never be sent (its address).
var errUndeliverable = errors.New("the address cannot be mailed")

// MaxAttempts is how many times a mail is tried before it is given up on
// (FAILED, shown to admins on statusSubscribers).
const MaxAttempts = 9

// Send mails one message, unless it went out already; last marks a failed
// attempt as the final one. The update is checked again at sending time:
// one that is no longer public (its incident made private, say) is not
// sent.
func (s *Service) Send(ctx context.Context, messageID int64, last bool) error {
	var m struct {
		ID               int64  `bun:"id"`
		Kind             string `bun:"kind"`
		Status           string `bun:"status"`
		IncidentUpdateID *int64 `bun:"incident_update_id"`
		SubscriberID     int64  `bun:"subscriber_id"`
		Attempts         int    `bun:"attempts"`
	}
	err := s.db.NewRaw("SELECT id, kind, status, incident_update_id, subscriber_id, attempts FROM subscriber_messages WHERE id = ?", messageID).Scan(ctx, &m)
	if database.IsNoRows(err) || (err == nil && m.Status != "PENDING") {
		return nil
	}
	if err != nil {
		return err
	}
	sub := new(Subscriber)
	if err := s.db.NewSelect().Model(sub).Where("id = ?", m.SubscriberID).Scan(ctx); err != nil {
		return err
	}
	var msg *mail.Msg
	switch {
	case sub.UnsubscribedAt != nil:
		return s.finish(ctx, m.ID, "FAILED", "unsubscribed before it was sent")
	case m.Kind == "CONFIRMATION":
		msg, err = s.confirmation(sub)
	default:
		var skip string
		msg, skip, err = s.incidentUpdate(ctx, sub, *m.IncidentUpdateID)
		if skip != "" {
			return s.finish(ctx, m.ID, "FAILED", skip)
		}
	}
	if errors.Is(err, errUndeliverable) {
		return s.finish(ctx, m.ID, "FAILED", err.Error()) // it never will be: dead-lettered
	}
	if err != nil {
		return err
	}
	if err := s.deliver(ctx, msg); err != nil {
		// Given up after MaxAttempts however the retries came (the
		// worker's, or the reconciler's for messages still pending), and
		// at once when the server refused it for good (a 5xx).
		status := "PENDING"
		var refused *mail.SendError
		if last || m.Attempts+1 >= MaxAttempts || (errors.As(err, &refused) && !refused.IsTemp()) {
			status = "FAILED"
		}
		_, _ = s.db.NewRaw("UPDATE subscriber_messages SET attempts = attempts + 1, last_error = ?, status = ? WHERE id = ?", err.Error(), status, m.ID).Exec(ctx)
		return fmt.Errorf("mail subscriber message %d: %w", m.ID, err)
	}
	return s.finish(ctx, m.ID, "SENT", "")
}

func (s *Service) finish(ctx context.Context, id int64, status, reason string) error {
	var lastError *string
	if reason != "" {
		lastError = &reason
	}
	var sentAt *time.Time
	if status == "SENT" {
		now := s.now()
		sentAt = &now
	}
	_, err := s.db.NewRaw("UPDATE subscriber_messages SET status = ?, attempts = attempts + 1, last_error = ?, sent_at = ? WHERE id = ?",
		status, lastError, sentAt, id).Exec(ctx)
	return err
}

func (s *Service) link(path, token string) string {
	return s.cfg.PageURL + path + "?token=" + url.QueryEscape(token)
}

func (s *Service) newMsg(to, subject, body string) (*mail.Msg, error) {
	msg := mail.NewMsg()
	if err := msg.From(s.cfg.From); err != nil {
		return nil, fmt.Errorf("FIREBREAK_SMTP_FROM: %w", err)
	}
	if err := msg.To(to); err != nil {
		return nil, fmt.Errorf("%w: %v", errUndeliverable, err)
	}
	msg.Subject(strings.NewReplacer("\r", " ", "\n", " ").Replace(subject)) // titles are people's words: no header injection
	msg.SetBodyString(mail.TypeTextPlain, body)
	return msg, nil
}

// confirmation asks the address to confirm (double opt-in).
func (s *Service) confirmation(sub *Subscriber) (*mail.Msg, error) {
	body := fmt.Sprintf("Someone (hopefully you) asked to receive %s updates at this address.\n\n"+
		"Confirm the subscription here:\n%s\n\nIf it was not you, ignore this mail: nothing will be sent without the confirmation.\n",
		s.cfg.PageName, s.link("/subscriptions/confirm", sub.Token))
	return s.newMsg(sub.Email, "Confirm your subscription to "+s.cfg.PageName, body)
}

// incidentUpdate is a public update of a published incident, with a link
// to its page and one to unsubscribe (also as RFC 8058 one-click headers);
// skip says why it must not go out any more.
func (s *Service) incidentUpdate(ctx context.Context, sub *Subscriber, updateID int64) (*mail.Msg, string, error) {
	u := new(models.IncidentUpdate)
	if err := s.db.NewSelect().Model(u).Where("id = ?", updateID).Scan(ctx); err != nil {
		return nil, "", err
	}
	inc := new(models.Incident)
	if err := s.db.NewSelect().Model(inc).Where("i.id = ?", u.IncidentID).Scan(ctx); err != nil {
		return nil, "", err
	}
	if !u.Public || !incident.IsPublic(inc) {
		return nil, "no longer public", nil
	}
	title := inc.PublicName()
	status := inc.Status.Label()
	if u.Status != nil {
		status = u.Status.Label()
	}
	unsubscribe := s.link("/subscriptions/unsubscribe", sub.Token)
	body := fmt.Sprintf("%s — %s\n\n%s\n\nPosted %s.\nFollow it: %s/incidents/%s\n\n--\nYou receive this because you subscribed to %s.\nUnsubscribe: %s\n",
		title, status, u.Body, u.CreatedAt.UTC().Format(time.RFC1123), s.cfg.PageURL, inc.Handle, s.cfg.PageName, unsubscribe)
	msg, err := s.newMsg(sub.Email, fmt.Sprintf("[%s] %s — %s", s.cfg.PageName, title, status), body)
	if err != nil {
		return nil, "", err
	}
	msg.SetGenHeader(mail.Header("List-Unsubscribe"), "<"+unsubscribe+">")
	msg.SetGenHeader(mail.Header("List-Unsubscribe-Post"), "List-Unsubscribe=One-Click")
	msg.SetGenHeader(mail.Header("X-Entity-Ref-ID"), "update-"+strconv.FormatInt(u.ID, 10))
	return msg, "", nil
}

// deliver sends over FIREBREAK_SMTP_URL.
func (s *Service) deliver(ctx context.Context, msg *mail.Msg) error {
	u, err := url.Parse(s.cfg.SMTPURL)
	if err != nil || u.Hostname() == "" {
		return fmt.Errorf("FIREBREAK_SMTP_URL %q is not smtp://host:port or smtps://host:port", s.cfg.SMTPURL)
	}
	opts := []mail.Option{mail.WithTimeout(20 * time.Second)}
	switch strings.ToLower(u.Scheme) {
	case "smtps":
		opts = append(opts, mail.WithSSLPort(false))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSOpportunistic))
	}
	if p := u.Port(); p != "" {
		port, err := strconv.Atoi(p)
		if err != nil {
			return err
		}
		opts = append(opts, mail.WithPort(port))
	}
	if u.User != nil {
		password, _ := u.User.Password()
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(u.User.Username()), mail.WithPassword(password))
	}
	client, err := mail.NewClient(u.Hostname(), opts...)
	if err != nil {
		return err
	}
	conn, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		return fmt.Errorf("dial: %w", err)
	}
	// Once the server accepted the message it is sent: a failure to say
	// goodbye afterwards (DialAndSend joins it into its error) must not
	// make the worker send it again.
	defer func() {
		if err := client.CloseWithSMTPClient(conn); err != nil {
			slog.DebugContext(ctx, "smtp: closing after a sent mail", "error", err.Error())
		}
	}()
	return client.SendWithSMTPClient(conn, msg)
}
