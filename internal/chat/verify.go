package chat

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"

	"github.com/slack-go/slack"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
)

// maxRequestBytes bounds a request from Slack (its payloads are a few KiB).
const maxRequestBytes = 1 << 20

// verified reads a request's body and checks that Slack sent it: the v0
// signature over the timestamp and body (slack-go: HMAC-SHA256 with the
// signing secret, compared in constant time), a timestamp within five
// minutes, and a request not seen before (a replay). A replay is known by
// what Slack signed — the timestamp and the body — not by the signature
// header, whose hex the verifier accepts in either case. Anything else is
// answered 401 and logged.
func (b *Bot) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	refuse := func(why string) ([]byte, bool) {
		slog.WarnContext(r.Context(), "slack request refused", "path", r.URL.Path, "why", why, "remote", r.RemoteAddr)
		httperr.Write(w, r, "slack request", apperr.New(apperr.Unauthenticated, "unverified request: %s", why), httperr.Text)
		return nil, false
	}
	// The headers first: a request without Slack's signature headers, or
	// signed too long ago, is refused before its body is read.
	sv, err := slack.NewSecretsVerifier(r.Header, b.cfg.SigningSecret)
	if err != nil {
		return refuse(err.Error())
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	if err != nil {
		httperr.Write(w, r, "slack request", httperr.TooLarge{Err: apperr.BadInput("body", "request too large or too slow")}, httperr.Text)
		return nil, false
	}
	_, _ = sv.Write(body)
	if err := sv.Ensure(); err != nil {
		return refuse(err.Error())
	}
	signed := sha256.Sum256(fmt.Appendf(nil, "v0:%s:%s", r.Header.Get("X-Slack-Request-Timestamp"), body))
	res, err := b.db.NewRaw(`INSERT INTO chat_requests (signed_digest) VALUES (?) ON CONFLICT DO NOTHING`, hex.EncodeToString(signed[:])).Exec(r.Context())
	if err != nil {
		httperr.Write(w, r, "slack request: recording its signature", err, httperr.Text)
		return nil, false
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return refuse("replayed: this request was already received")
	}
	// Requests older than the accepted window cannot come back.
	_, _ = b.db.NewRaw(`DELETE FROM chat_requests WHERE received_at < now() - interval '10 minutes'`).Exec(r.Context())
	r.Body = io.NopCloser(bytes.NewReader(body))
	return body, true
}

// ephemeral answers a slash command or interaction with a message only its
// sender sees.
func ephemeral(w http.ResponseWriter, text string) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"response_type": "ephemeral", "text": text})
}

// said turns an error into the words the API uses for it.
func said(ctx context.Context, err error) string {
	if e, ok := apperr.As(err); ok {
		return e.Message
	}
	slog.ErrorContext(ctx, "slack: request failed", "error", err.Error())
	return "Something went wrong on Firebreak's side; try again in a moment."
}
