// Package graphiql serves GraphiQL, the in-browser GraphQL IDE, from assets
// embedded in the binary: it works without internet (air-gapped installs,
// strict content security policies) and loads nothing from elsewhere. The
// assets come from the npm packages at the versions in assets/VERSIONS
// (scripts/vendor-graphiql.sh), licences beside them; firebreak.js adds a
// place to paste an API key.
package graphiql

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed assets
var embedded embed.FS

// Policy is the page's content security policy: everything from this
// origin, nothing from anywhere else. (GraphiQL sets inline styles.)
const Policy = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; " +
	"font-src 'self' data:; img-src 'self' data:; connect-src 'self'; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// Register serves GraphiQL at /graphiql and its assets under /graphiql/
// (the console has /).
func Register(mux *http.ServeMux) {
	assets, err := fs.Sub(embedded, "assets")
	if err != nil {
		panic(err) // the embed pattern guarantees the folder
	}
	files := withPolicy(http.StripPrefix("/graphiql/", http.FileServerFS(assets)))
	mux.Handle("GET /graphiql/", cacheFor(files))
	page := withPolicy(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeFileFS(w, r, assets, "index.html")
	}))
	mux.Handle("GET /graphiql", page)
	mux.Handle("GET /graphiql/{$}", page)
}

func withPolicy(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", Policy)
		next.ServeHTTP(w, r)
	})
}

// cacheFor lets browsers keep the assets for a day (they change only with
// the binary; the page itself is always fetched).
func cacheFor(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=86400")
		next.ServeHTTP(w, r)
	})
}
