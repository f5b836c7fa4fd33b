// Package console serves the Firebreak console — the web app in web/,
// built by Vite into dist and embedded in the binary — at / and at every
// path the app routes itself (an incident's page, sign-in, the numbers…),
// so that a link into the app opens on a fresh load. Nothing is loaded
// from elsewhere: the content security policy allows this origin only.
package console

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"

	"github.com/klauspost/compress/gzhttp"
)

//go:embed all:dist
var built embed.FS

// Policy is the console's content security policy: scripts, styles and
// connections (the API and its websocket) from this origin only, no
// inline script, no framing.
const Policy = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
	"connect-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Pages are the paths the app draws (web/src/routes.ts names the same).
var Pages = []string{
	"/{$}",
	"/incidents",
	"/incidents/{number}",
	"/incidents/{number}/retrospective",
	"/declare",
	"/follow-ups",
	"/numbers",
	"/severities",
	"/signin",
	"/signin/link",
	"/manage",
	"/manage/{section...}",
}

// Register serves the app's pages and its assets on mux.
func Register(mux *http.ServeMux) {
	dist, err := fs.Sub(built, "dist")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	index := withPolicy(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// The page names the hashed assets of this build: always fetched
		// again, so a new binary's console loads at once.
		w.Header().Set("Cache-Control", "no-cache")
		http.ServeFileFS(w, r, dist, "index.html")
	}))
	for _, p := range Pages {
		mux.Handle("GET "+p, index)
	}
	files := http.FileServerFS(dist)
	// gzip (klauspost's gzhttp: the handler built for it, with content-type
	// and size thresholds) takes the script from 306 KB to 92 KB on the wire.
	mux.Handle("GET /assets/", gzhttp.GzipHandler(withPolicy(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Vite names every asset by its content's hash.
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	}))))
	for _, name := range []string{"/favicon.svg"} {
		mux.Handle("GET "+name, withPolicy(files))
	}
}

func withPolicy(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", Policy)
		if strings.HasSuffix(r.URL.Path, "/") && r.URL.Path != "/" && strings.HasPrefix(r.URL.Path, "/assets/") {
			http.NotFound(w, r) // no directory listings
			return
		}
		next.ServeHTTP(w, r)
	})
}
