package signin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/prometheus/client_golang/prometheus"
)

// keySet verifies token signatures with the provider's published keys
// (its JWKS) for go-oidc's verifier, fetching them again only when a token
// names a key id it does not hold — how a key rotation shows — and then at
// most once per hold-off if the fetch brought no such key. go-oidc's own
// remote key set fetches again after every signature that fails, so a
// forged token naming the provider's real key id made one fetch per
// request: anyone could turn Firebreak into a JWKS flood against the
// provider. A token naming a held key whose signature fails is simply
// refused.
type keySet struct {
	url     string
	client  *http.Client
	algs    []jose.SignatureAlgorithm
	holdOff time.Duration
	maxAge  time.Duration
	now     func() time.Time
	fetches *prometheus.CounterVec

	// fetching serialises fetches: tokens arriving during one wait for it.
	fetching sync.Mutex
	mu       sync.Mutex
	keys     []jose.JSONWebKey
	// fetchedAt is when keys were fetched; fruitlessAt when a fetch last
	// failed or did not bring the key a token named.
	fetchedAt, fruitlessAt time.Time
}

// keySetMaxAge is how long a key set is used before a token makes it
// fetched again anyway, so keys the provider withdrew stop working.
const keySetMaxAge = time.Hour

var errNoKey = errors.New("no published key verifies the token's signature")

// VerifySignature implements oidc.KeySet.
func (k *keySet) VerifySignature(ctx context.Context, raw string) ([]byte, error) {
	jws, err := jose.ParseSigned(raw, k.algs)
	if err != nil {
		return nil, err
	}
	if len(jws.Signatures) != 1 {
		return nil, errors.New("a token must have exactly one signature")
	}
	kid := jws.Signatures[0].Header.KeyID
	keys, held := k.held(kid)
	if !held {
		if keys, err = k.refresh(ctx, kid); err != nil {
			return nil, err
		}
	}
	for _, key := range keys {
		if kid != "" && key.KeyID != kid {
			continue
		}
		if payload, err := jws.Verify(key.Key); err == nil {
			return payload, nil
		}
	}
	return nil, errNoKey
}

// held returns the keys and whether they are fresh and include kid.
func (k *keySet) held(kid string) ([]jose.JSONWebKey, bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.fetchedAt.IsZero() || k.now().Sub(k.fetchedAt) > k.maxAge {
		return k.keys, false
	}
	return k.keys, kid == "" || hasKey(k.keys, kid)
}

func hasKey(keys []jose.JSONWebKey, kid string) bool {
	for _, key := range keys {
		if key.KeyID == kid {
			return true
		}
	}
	return false
}

// refresh fetches the key set unless a fetch within the hold-off brought
// nothing new, and returns the keys held then.
func (k *keySet) refresh(ctx context.Context, kid string) ([]jose.JSONWebKey, error) {
	k.fetching.Lock()
	defer k.fetching.Unlock()
	// Another request may have fetched while this one waited.
	if keys, held := k.held(kid); held {
		return keys, nil
	}
	k.mu.Lock()
	if k.now().Sub(k.fruitlessAt) < k.holdOff {
		keys := k.keys
		k.mu.Unlock()
		return keys, nil
	}
	k.mu.Unlock()
	keys, err := k.fetch(ctx)
	k.mu.Lock()
	defer k.mu.Unlock()
	if err != nil {
		k.fetches.WithLabelValues("failed").Inc()
		k.fruitlessAt = k.now()
		return k.keys, fmt.Errorf("fetch the provider's keys: %w", err)
	}
	k.fetches.WithLabelValues("fetched").Inc()
	k.keys, k.fetchedAt = keys, k.now()
	if kid != "" && !hasKey(keys, kid) {
		k.fruitlessAt = k.now()
	}
	return keys, nil
}

// maxKeySetBytes bounds the JWKS document (a provider's is a few KiB).
const maxKeySetBytes = 1 << 20

func (k *keySet) fetch(ctx context.Context) ([]jose.JSONWebKey, error) {
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, k.url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := k.client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s answered %s", k.url, resp.Status)
	}
	var set jose.JSONWebKeySet
	if err := json.NewDecoder(io.LimitReader(resp.Body, maxKeySetBytes)).Decode(&set); err != nil {
		return nil, fmt.Errorf("%s is not a JWKS: %w", k.url, err)
	}
	keys := set.Keys[:0]
	for _, key := range set.Keys {
		if key.Use == "" || key.Use == "sig" {
			keys = append(keys, key)
		}
	}
	return keys, nil
}
