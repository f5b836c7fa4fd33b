package graph

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/errcode"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"firebreak/internal/apperr"
)

// httpTransport is GraphQL over HTTP as its specification says, where
// gqlgen's POST and GET transports differ: a request error (a document
// that does not parse or validate, variables that do not coerce) is
// 200 under application/json and 400 under
// application/graphql-response+json, and its body has no "data" member
// (gqlgen answered 422 with "data": null); GET runs queries — what CDNs
// and persisted queries use — and never mutations (405).
type httpTransport struct{}

var _ graphql.Transport = httpTransport{}

const (
	mediaJSON            = "application/json"
	mediaGraphQLResponse = "application/graphql-response+json"
)

func (httpTransport) Supports(r *http.Request) bool {
	if r.Header.Get("Upgrade") != "" {
		return false
	}
	if r.Method == http.MethodGet {
		return true
	}
	mediaType, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return r.Method == http.MethodPost && mediaType == mediaJSON
}

func (httpTransport) Do(w http.ResponseWriter, r *http.Request, exec graphql.GraphExecutor) {
	ctx := r.Context()
	media := responseMedia(r.Header.Get("Accept"))
	if media == "" {
		w.Header().Set("Content-Type", mediaJSON+"; charset=utf-8")
		writeResponse(w, http.StatusNotAcceptable, &graphql.Response{Errors: gqlerror.List{requestError("answers are %s or %s: accept one of them", mediaGraphQLResponse, mediaJSON)}})
		return
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	start := graphql.Now()
	params, err := readParams(r)
	if err != nil {
		writeResponse(w, http.StatusBadRequest, &graphql.Response{Errors: gqlerror.List{requestError("%s", err.Error())}})
		return
	}
	if params.Query == "" && params.Extensions["persistedQuery"] == nil {
		writeResponse(w, http.StatusBadRequest, &graphql.Response{Errors: gqlerror.List{requestError(`the request has no query: send {"query": "…"} (or a persisted query's hash)`)}})
		return
	}
	params.Headers = r.Header
	params.ReadTime = graphql.TraceTiming{Start: start, End: graphql.Now()}

	rc, errs := exec.CreateOperationContext(ctx, params)
	if errs != nil {
		status := http.StatusOK
		if media == mediaGraphQLResponse && errcode.GetErrorKind(errs) == errcode.KindProtocol {
			status = http.StatusBadRequest
		}
		writeResponse(w, status, exec.DispatchError(graphql.WithOperationContext(ctx, rc), errs))
		return
	}
	if r.Method == http.MethodGet && rc.Operation != nil && rc.Operation.Operation != ast.Query {
		w.Header().Set("Allow", "POST")
		writeResponse(w, http.StatusMethodNotAllowed, &graphql.Response{Errors: gqlerror.List{
			requestError("GET runs queries only: send %ss as POST", rc.Operation.Operation)}})
		return
	}
	responses, ctx := exec.DispatchOperation(ctx, rc)
	writeResponse(w, http.StatusOK, responses(ctx))
}

// responseMedia picks the answer's media type from Accept: the one of the
// two with the higher quality (graphql-response+json on a tie), JSON when
// Accept is absent or takes anything; "" when it takes neither.
func responseMedia(accept string) string {
	if strings.TrimSpace(accept) == "" {
		return mediaJSON
	}
	best, bestQ := "", 0.0
	for _, part := range strings.Split(accept, ",") {
		mediaType, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		q := 1.0
		if v, ok := params["q"]; ok {
			if q, err = strconv.ParseFloat(v, 64); err != nil {
				continue
			}
		}
		var offered string
		switch mediaType {
		case mediaGraphQLResponse:
			offered = mediaGraphQLResponse
		case mediaJSON, "application/*", "*/*":
			offered = mediaJSON
		default:
			continue
		}
		if q > bestQ || (q == bestQ && q > 0 && offered == mediaGraphQLResponse) {
			best, bestQ = offered, q
		}
	}
	return best
}

// readParams reads the request's parameters: the JSON body of a POST, or
// the query string of a GET (variables and extensions JSON-encoded).
func readParams(r *http.Request) (*graphql.RawParams, error) {
	params := &graphql.RawParams{}
	if r.Method == http.MethodGet {
		q := r.URL.Query()
		params.Query, params.OperationName = q.Get("query"), q.Get("operationName")
		for name, into := range map[string]any{"variables": &params.Variables, "extensions": &params.Extensions} {
			if v := q.Get(name); v != "" {
				if err := decodeJSON(strings.NewReader(v), into); err != nil {
					return nil, errBadParams(name + " must be a JSON object")
				}
			}
		}
		return params, nil
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return nil, errBadParams("the request body could not be read")
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return nil, errBadParams(`the request body is empty: send {"query": "…"}`)
	}
	if err := decodeJSON(bytes.NewReader(body), params); err != nil {
		return nil, errBadParams("the request body is not a GraphQL request in JSON: " + err.Error())
	}
	return params, nil
}

// requestError is a refused request, coded as every error is.
func requestError(format string, args ...any) *gqlerror.Error {
	e := gqlerror.Errorf(format, args...)
	e.Extensions = map[string]any{"code": string(apperr.BadUserInput)}
	return e
}

type errBadParams string

func (e errBadParams) Error() string { return string(e) }

func decodeJSON(r io.Reader, v any) error {
	dec := json.NewDecoder(r)
	dec.UseNumber()
	return dec.Decode(v)
}

// response is a GraphQL response with "data" left out when there is
// none: a request error has no data member at all.
type response struct {
	Errors     gqlerror.List   `json:"errors,omitempty"`
	Data       json.RawMessage `json:"data,omitempty"`
	Extensions map[string]any  `json:"extensions,omitempty"`
}

func writeResponse(w http.ResponseWriter, status int, resp *graphql.Response) {
	w.WriteHeader(status)
	if resp == nil {
		return
	}
	// An executed operation's data is kept, null included (an error that
	// reached the root); a request error has none.
	b, err := json.Marshal(response{Errors: resp.Errors, Data: resp.Data, Extensions: resp.Extensions})
	if err != nil {
		panic(err)
	}
	_, _ = w.Write(b)
}
