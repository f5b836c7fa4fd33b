package statuspage

import (
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"firebreak/internal/addrlimit"
	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
	"firebreak/internal/subscribers"
)

// Subscribing offers e-mail subscriptions on the page (nil: none).
func (p *Page) Subscribing(s *subscribers.Service) *Page {
	p.subscribers = s
	p.subscribeLimit = addrlimit.New(Limit{Rate: 5.0 / 60, Burst: 5}, "sign-ups")
	return p
}

// SendMailsWith hands the subscribe form's confirmation mails to the
// workers (the reconciler sends them anyway if this fails).
func (p *Page) SendMailsWith(enqueue func(ctx context.Context, messageIDs []int64) error) {
	p.enqueueMails = enqueue
}

func (p *Page) subscriptionRoutes(mux *http.ServeMux, prefix string) {
	if p.subscribers == nil {
		return
	}
	mux.HandleFunc("POST "+prefix+"/subscribe", p.subscribe)
	mux.HandleFunc("GET "+prefix+"/subscriptions/confirm", func(w http.ResponseWriter, r *http.Request) {
		p.notice(w, http.StatusOK, notice{Title: "Confirm your subscription", Text: "One more click and you will receive updates by e-mail.",
			Action: prefix + "/subscriptions/confirm", Token: r.URL.Query().Get("token"), Button: "Confirm subscription"})
	})
	mux.HandleFunc("POST "+prefix+"/subscriptions/confirm", func(w http.ResponseWriter, r *http.Request) {
		p.finish(w, r, p.subscribers.Confirm, "You are subscribed", "You will receive an e-mail when an incident is published or updated.")
	})
	mux.HandleFunc("GET "+prefix+"/subscriptions/unsubscribe", func(w http.ResponseWriter, r *http.Request) {
		p.notice(w, http.StatusOK, notice{Title: "Unsubscribe", Text: "Stop receiving status updates by e-mail?",
			Action: prefix + "/subscriptions/unsubscribe", Token: r.URL.Query().Get("token"), Button: "Unsubscribe"})
	})
	// Also the RFC 8058 one-click target: mail clients POST
	// "List-Unsubscribe=One-Click" to the link itself.
	mux.HandleFunc("POST "+prefix+"/subscriptions/unsubscribe", func(w http.ResponseWriter, r *http.Request) {
		p.finish(w, r, p.subscribers.Unsubscribe, "You are unsubscribed", "No more status e-mails will be sent to you.")
	})
}

// subscribe answers the page's form. Every valid address gets the same
// answer, subscribed or not, so the form tells nobody who is.
func (p *Page) subscribe(w http.ResponseWriter, r *http.Request) {
	if p.subscribeLimit.Limited(w, r, httperr.Text) {
		return
	}
	// Nor does its timing: a new address costs more work than a known one
	// (2.4–3.0 against 3.6–6.1 ms), so every answer waits out the floor.
	start := time.Now()
	answer := func(status int, n notice) {
		time.Sleep(time.Until(start.Add(subscribeAnswerFloor)))
		p.notice(w, status, n)
	}
	refuse := func(err error) {
		time.Sleep(time.Until(start.Add(subscribeAnswerFloor)))
		p.answerError(w, r, "status page: subscribe", "Not subscribed", err)
	}
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	if err := r.ParseForm(); err != nil {
		refuse(apperr.BadInput("body", "The form could not be read."))
		return
	}
	ids, err := p.subscribers.Subscribe(r.Context(), r.PostForm.Get("email"), r.PostForm["component"])
	if err != nil {
		refuse(err)
		return
	}
	if len(ids) > 0 && p.enqueueMails != nil {
		if err := p.enqueueMails(r.Context(), ids); err != nil {
			slog.WarnContext(r.Context(), "status page: confirmation mail left for the reconciler", "error", err.Error())
		}
	}
	answer(http.StatusOK, notice{Title: "Check your inbox", Text: "If the address can be subscribed, a mail with a confirmation link is on its way. Nothing is sent until you confirm."})
}

// subscribeAnswerFloor is how long every answer of the subscribe form
// takes at least.
const subscribeAnswerFloor = 50 * time.Millisecond

func (p *Page) finish(w http.ResponseWriter, r *http.Request, do func(context.Context, string) error, title, text string) {
	r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
	token := r.URL.Query().Get("token")
	if token == "" {
		_ = r.ParseForm()
		token = r.PostForm.Get("token")
	}
	if err := do(r.Context(), token); err != nil {
		if apperr.CodeOf(err) == apperr.NotFound {
			err = apperr.NotFoundf("This link is not valid any more.")
		}
		p.answerError(w, r, "status page: "+title, "That did not work", err)
		return
	}
	p.notice(w, http.StatusOK, notice{Title: title, Text: text})
}

type notice struct {
	Page                               string
	Title, Text, Action, Token, Button string
}

// answerError answers err as a notice page through the one error writer
// (its status, Retry-After, logging).
func (p *Page) answerError(w http.ResponseWriter, r *http.Request, what, title string, err error) {
	httperr.Write(w, r, what, err, func(w http.ResponseWriter, status int, e *apperr.Error) {
		p.notice(w, status, notice{Title: title, Text: e.Message})
	})
}

func (p *Page) notice(w http.ResponseWriter, status int, n notice) {
	n.Page = p.cfg.URL
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'")
	w.WriteHeader(status)
	_ = noticeTemplate.Execute(w, n)
}

var noticeTemplate = template.Must(template.New("notice").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>{{.Title}}</title>
<style>body{margin:0;font:16px/1.5 system-ui,sans-serif;background:#fafafa;color:#1b1b1b}main{max-width:36rem;margin:0 auto;padding:2rem 1rem}
button{font:inherit;padding:.5rem 1rem;border-radius:.4rem;border:1px solid #0b57d0;background:#0b57d0;color:#fff}</style></head>
<body><main><h1>{{.Title}}</h1><p>{{.Text}}</p>
{{if .Action}}<form method="post" action="{{.Action}}"><input type="hidden" name="token" value="{{.Token}}"><button type="submit">{{.Button}}</button></form>{{end}}
<p><a href="{{.Page}}">Back to the status page</a></p></main></body></html>
`))
