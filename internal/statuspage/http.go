package statuspage

import (
	"net/http"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
)

// Routes mounts the page under /status (and its documents under
// /api/v2/): no key needed, nothing but the snapshot read.
func (p *Page) Routes(mux *http.ServeMux) { p.routesAt(mux, "/status") }

// HostHandler serves the page alone at the root of its own host name
// (FIREBREAK_STATUS_HOST: status.example.com/, /incidents/…, /feed.atom,
// /api/v2/…), where Statuspage's widgets and links expect it.
func (p *Page) HostHandler() http.Handler {
	mux := http.NewServeMux()
	p.routesAt(mux, "")
	return mux
}

func (p *Page) routesAt(mux *http.ServeMux, prefix string) {
	index := "GET " + prefix
	if prefix == "" {
		index = "GET /{$}"
	}
	mux.HandleFunc(index, func(w http.ResponseWriter, r *http.Request) { p.serve(w, r, "index.html") })
	mux.HandleFunc("GET "+prefix+"/incidents/{id}", func(w http.ResponseWriter, r *http.Request) { p.serve(w, r, "incidents/"+r.PathValue("id")) })
	mux.HandleFunc("GET "+prefix+"/feed.atom", func(w http.ResponseWriter, r *http.Request) { p.serve(w, r, "feed.atom") })
	mux.HandleFunc("GET "+prefix+"/badge.svg", func(w http.ResponseWriter, r *http.Request) { p.serve(w, r, "badge.svg") })
	// Only the JSON documents: the page, feed and badge have their own
	// addresses, and an API path answering HTML would be a second one.
	mux.HandleFunc("GET /api/v2/{doc...}", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasSuffix(r.PathValue("doc"), ".json") {
			httperr.Write(w, r, "status page", apperr.NotFoundf("404 page not found"), httperr.Text)
			return
		}
		p.serve(w, r, r.PathValue("doc"))
	})
	p.subscriptionRoutes(mux, prefix)
}

// serve answers from the snapshot, with validators and a short cache life
// so browsers, CDNs and pollers come back cheaply.
func (p *Page) serve(w http.ResponseWriter, r *http.Request, name string) {
	if p.clients.Limited(w, r, httperr.Text) {
		return
	}
	s, err := p.current(r.Context())
	if err != nil {
		httperr.Write(w, r, "status page", apperr.New(apperr.Unavailable, "The status page is starting; try again in a few seconds."), httperr.Text)
		return
	}
	res := s.docs[name]
	if res == nil {
		httperr.Write(w, r, "status page", apperr.NotFoundf("404 page not found"), httperr.Text)
		return
	}
	h := w.Header()
	h.Set("Content-Type", res.contentType)
	h.Set("ETag", res.etag)
	h.Set("Last-Modified", s.updatedAt.UTC().Format(http.TimeFormat))
	h.Set("Cache-Control", "public, max-age=10, stale-while-revalidate=30, stale-if-error=300")
	h.Set("X-Content-Type-Options", "nosniff")
	if strings.HasPrefix(res.contentType, "text/html") { // no scripts, nothing from elsewhere
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
	}
	if strings.HasSuffix(name, ".json") {
		h.Set("Access-Control-Allow-Origin", "*") // widgets on other sites read it, as Statuspage's
	}
	if match := r.Header.Get("If-None-Match"); match != "" && strings.Contains(match, res.etag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(res.body)
}
