package smoke_test

import (
	"testing"
	"time"

	"firebreak/internal/testenv"
)

// A key made with a key that expires cannot outlive it: without an
// expiresAt it gets its maker's, a later one is BAD_USER_INPUT naming
// expiresAt (nothing created), an earlier one stands; keys made with a
// key that never expires are unchanged.
func TestKeysDoNotOutliveTheKeyThatMadeThem(t *testing.T) {
	t.Parallel()
	env := testenv.New(t)
	in := func(name string, expires *time.Time) map[string]any {
		input := map[string]any{"name": name}
		if expires != nil {
			input["expiresAt"] = expires.UTC().Format(time.RFC3339)
		}
		return map[string]any{"in": input}
	}
	type made struct {
		CreateApiKey struct {
			Secret string
			APIKey struct{ ExpiresAt *time.Time } `json:"apiKey"`
		}
	}
	const create = `mutation($in: CreateApiKeyInput!) { createApiKey(input: $in) { secret apiKey { expiresAt } } }`
	hour := time.Now().Add(time.Hour).Truncate(time.Second)
	var short made
	env.Query(t, env.ResponderKey, create, in("an hour", &hour), &short)

	var child made
	env.Query(t, short.CreateApiKey.Secret, create, in("from the short key", nil), &child)
	if e := child.CreateApiKey.APIKey.ExpiresAt; e == nil || !e.Equal(hour) {
		t.Fatalf("a key made with a key expiring at %s expires at %v", hour, e)
	}
	later := hour.Add(24 * time.Hour)
	if e := env.MustFail(t, short.CreateApiKey.Secret, create, in("outliving", &later), "BAD_USER_INPUT"); e.Field() != "expiresAt" {
		t.Fatalf("a later expiry blamed %q", e.Field())
	}
	sooner := time.Now().Add(10 * time.Minute).Truncate(time.Second)
	var soon made
	env.Query(t, short.CreateApiKey.Secret, create, in("sooner", &sooner), &soon)
	if e := soon.CreateApiKey.APIKey.ExpiresAt; e == nil || !e.Equal(sooner) {
		t.Fatalf("an earlier expiry became %v", e)
	}
	var lasting made
	env.Query(t, env.ResponderKey, create, in("from a lasting key", nil), &lasting)
	if lasting.CreateApiKey.APIKey.ExpiresAt != nil {
		t.Fatalf("a key made with a key that never expires expires at %v", lasting.CreateApiKey.APIKey.ExpiresAt)
	}
	var keys struct {
		ApiKeys struct{ TotalCount int }
	}
	env.Query(t, env.ResponderKey, `{ apiKeys { totalCount } }`, nil, &keys)
	if keys.ApiKeys.TotalCount != 5 { // the test's own, and the four made here
		t.Fatalf("%d keys, want 5 (the refused one made nothing)", keys.ApiKeys.TotalCount)
	}
}
