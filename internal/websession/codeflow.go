package websession

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/oauth2"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/httperr"
)

// stateCookie binds a sign-in attempt to the browser that started it: the
// callback's state must equal it, so a code obtained by someone else
// cannot be planted in this browser. SameSite=Lax, because the provider's
// redirect back is a top-level navigation from another site.
const stateCookie = "firebreak_oidc_state"

// attemptLifetime is how long a person has at the provider.
const attemptLifetime = 10 * time.Minute

// expiredAttemptsPerStart bounds the old attempts each new one deletes:
// anonymous starts cannot grow the table without bound, and no job is
// needed to empty it.
const expiredAttemptsPerStart = 20

// Failures of a sign-in are reported to the console by a fixed code in
// /signin?error=…, never by text from the request.
const (
	failState       = "STATE"
	failDenied      = "DENIED"
	failUnavailable = "UNAVAILABLE"
	failRefused     = "REFUSED"
)

func (s *Sessions) startCodeFlow(w http.ResponseWriter, r *http.Request) {
	next := SafeReturn(r.URL.Query().Get("next"))
	state, nonce, verifier := rand.Text()+rand.Text(), rand.Text(), oauth2.GenerateVerifier()
	target, err := s.flow.AuthCodeURL(r.Context(), state, verifier, nonce)
	if err != nil {
		slog.WarnContext(r.Context(), "sign-in: the identity provider is unavailable", "error", err.Error())
		s.failSignIn(w, r, failUnavailable, next)
		return
	}
	now := s.now()
	_, err = s.db.NewRaw(`WITH expired AS (
			DELETE FROM oidc_signin_attempts WHERE state_hash IN (
				SELECT state_hash FROM oidc_signin_attempts WHERE expires_at < ? LIMIT ?))
		INSERT INTO oidc_signin_attempts (state_hash, code_verifier, nonce, return_to, expires_at) VALUES (?, ?, ?, ?, ?)`,
		now, expiredAttemptsPerStart, auth.HashKey(state), verifier, nonce, next, now.Add(attemptLifetime)).Exec(r.Context())
	if err != nil {
		httperr.Write(w, r, "start sign-in", err, httperr.Text)
		return
	}
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: state, Path: "/auth/oidc", MaxAge: int(attemptLifetime.Seconds()),
		HttpOnly: true, Secure: s.secureFor(r), SameSite: http.SameSiteLaxMode})
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, target, http.StatusFound)
}

type attempt struct {
	Verifier string `bun:"code_verifier"`
	Nonce    string `bun:"nonce"`
	ReturnTo string `bun:"return_to"`
}

func (s *Sessions) finishCodeFlow(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	q := r.URL.Query()
	bound, err := r.Cookie(stateCookie)
	http.SetCookie(w, &http.Cookie{Name: stateCookie, Value: "", Path: "/auth/oidc", MaxAge: -1, HttpOnly: true, Secure: s.secureFor(r), SameSite: http.SameSiteLaxMode})
	if err != nil || !TokenMatches(q.Get("state"), bound.Value) {
		s.failSignIn(w, r, failState, "/")
		return
	}
	// Used once: a replayed callback finds the attempt gone.
	var a attempt
	now := s.now()
	err = s.db.NewRaw(`UPDATE oidc_signin_attempts SET used_at = ? WHERE state_hash = ? AND used_at IS NULL AND expires_at > ?
		RETURNING code_verifier, nonce, return_to`, now, auth.HashKey(bound.Value), now).Scan(r.Context(), &a)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		s.failSignIn(w, r, failState, "/")
		return
	case err != nil:
		httperr.Write(w, r, "finish sign-in", err, httperr.Text)
		return
	}
	if q.Get("error") != "" || q.Get("code") == "" {
		s.failSignIn(w, r, failDenied, a.ReturnTo)
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), 15*time.Second)
	defer cancel()
	user, err := s.flow.Exchange(ctx, q.Get("code"), a.Verifier, a.Nonce)
	if err != nil {
		reason := failRefused
		if apperr.CodeOf(err) == apperr.Unavailable || apperr.CodeOf(err) == apperr.Internal {
			reason = failUnavailable
		}
		slog.InfoContext(r.Context(), "sign-in refused", "error", err.Error())
		s.failSignIn(w, r, reason, a.ReturnTo)
		return
	}
	started, err := s.keys.StartSession(r.Context(), s.db, user, auth.SessionByOIDC)
	if err != nil {
		httperr.Write(w, r, "start session", err, httperr.Text)
		return
	}
	s.setSessionCookie(w, r, started.Secret, started.ExpiresAt)
	http.Redirect(w, r, a.ReturnTo, http.StatusSeeOther)
}

// failSignIn sends the browser to the console's sign-in page with a code
// it explains.
func (s *Sessions) failSignIn(w http.ResponseWriter, r *http.Request, reason, next string) {
	http.Redirect(w, r, "/signin?"+url.Values{"error": {reason}, "next": {next}}.Encode(), http.StatusSeeOther)
}

func writeJSON(w http.ResponseWriter, status int, v any) { httperr.WriteJSON(w, status, v) }

func writeError(w http.ResponseWriter, r *http.Request, err error) {
	httperr.Write(w, r, "browser sign-in", err, httperr.JSON)
}

func jsonDecoder(r io.Reader) *json.Decoder {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	return dec
}
