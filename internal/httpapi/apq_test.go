package httpapi_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"net/http"
	"testing"

	"firebreak/internal/testenv"
)

func TestAutomaticPersistedQueryRoundTrip(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	query := `query Me { me { name role } }`
	sum := sha256.Sum256([]byte(query))
	persisted := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hex.EncodeToString(sum[:])}}
	post := func(body map[string]any) *testenv.Response {
		raw, _ := json.Marshal(body)
		return env.PostRaw(t, env.ViewerKey, raw)
	}

	// The hash alone is unknown at first: the client is told to send the query.
	res := post(map[string]any{"extensions": persisted})
	if len(res.Errors) != 1 || res.Errors[0].Message != "PersistedQueryNotFound" || res.Errors[0].Code() != "PERSISTED_QUERY_NOT_FOUND" {
		t.Fatalf("unknown hash: HTTP %d %s", res.Status, res.Raw)
	}
	// Query and hash register it (and answer it).
	res = post(map[string]any{"query": query, "extensions": persisted})
	if res.Status != http.StatusOK || len(res.Errors) > 0 || string(res.Data) != `{"me":{"name":"Test viewer","role":"VIEWER"}}` {
		t.Fatalf("registering: HTTP %d %s", res.Status, res.Raw)
	}
	// From then on the hash is enough.
	res = post(map[string]any{"extensions": persisted})
	if res.Status != http.StatusOK || len(res.Errors) > 0 || string(res.Data) != `{"me":{"name":"Test viewer","role":"VIEWER"}}` {
		t.Fatalf("hash only: HTTP %d %s", res.Status, res.Raw)
	}
	// A hash that does not match its query is refused.
	res = post(map[string]any{"query": `{ me { id } }`, "extensions": persisted})
	if len(res.Errors) != 1 {
		t.Fatalf("mismatched hash accepted: %s", res.Raw)
	}
}
