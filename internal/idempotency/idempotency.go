// Package idempotency lets a creating mutation be retried safely: a key the
// client sends is claimed inside the mutation's transaction, and a retry
// with the same key and input gets the first result instead of a second
// row (as Stripe's Idempotency-Key does).
package idempotency

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// replayed aborts a transaction whose idempotency key was used before: the
// caller returns the first result and nothing new is written.
type replayed struct{ resultID int64 }

func (r *replayed) Error() string { return "idempotency key replayed" }

// Replayed reports whether err is Claim's answer to a key used before, and
// the id of what the first request created.
func Replayed(err error) (resultID int64, ok bool) {
	var r *replayed
	if errors.As(err, &r) {
		return r.resultID, true
	}
	return 0, false
}

// fingerprint identifies what a creating mutation was asked: the input as
// the service received it, before defaults are filled in.
func fingerprint(input any) []byte {
	b, err := json.Marshal(input)
	if err != nil {
		return nil // not comparable: treated as unknown, like keys from before fingerprints
	}
	sum := sha256.Sum256(b)
	return sum[:]
}

// Claim reserves (actor, key) for operation op in this transaction. If another
// transaction holds it, Postgres makes the insert wait for that one to
// finish; if it committed, this returns *replayed with its result, and if it
// rolled back, the key is ours. A key reused for another operation, or with
// other input (as Stripe does), is a CONFLICT naming idempotencyKey.
func Claim(ctx context.Context, tx bun.Tx, actor *models.User, key, op string, input any) error {
	if key == "" {
		return nil
	}
	if len(key) > 200 {
		return apperr.BadInput("idempotencyKey", "idempotencyKey must be at most 200 characters")
	}
	fp := fingerprint(input)
	res, err := tx.NewRaw(`INSERT INTO idempotency_keys (actor_id, key, operation, result_id, fingerprint)
		VALUES (?, ?, ?, 0, ?) ON CONFLICT DO NOTHING`, actor.ID, key, op, fp).Exec(ctx)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 1 {
		return nil
	}
	var prev struct {
		Operation   string `bun:"operation"`
		ResultID    int64  `bun:"result_id"`
		Fingerprint []byte `bun:"fingerprint"`
	}
	err = tx.NewRaw("SELECT operation, result_id, fingerprint FROM idempotency_keys WHERE actor_id = ? AND key = ?", actor.ID, key).Scan(ctx, &prev)
	if err != nil {
		return err
	}
	if prev.Operation != op {
		return &apperr.Error{Code: apperr.Conflict, Field: "idempotencyKey",
			Message: fmt.Sprintf("this idempotencyKey was already used for %s", prev.Operation)}
	}
	if prev.Fingerprint != nil && fp != nil && !bytes.Equal(prev.Fingerprint, fp) {
		return &apperr.Error{Code: apperr.Conflict, Field: "idempotencyKey",
			Message: "this idempotencyKey was already used with different input: use a new key for a new request"}
	}
	return &replayed{resultID: prev.ResultID}
}

// Record stores what the claimed key created.
func Record(ctx context.Context, tx bun.Tx, actor *models.User, key string, resultID int64) error {
	if key == "" {
		return nil
	}
	_, err := tx.NewRaw("UPDATE idempotency_keys SET result_id = ? WHERE actor_id = ? AND key = ?", resultID, actor.ID, key).Exec(ctx)
	return err
}

// Lookup returns what a key the actor used created, if anything: for
// machine callers whose retry may be asked with other input (an alert
// group whose first alert has since resolved) and that want the first
// result rather than a CONFLICT.
func Lookup(ctx context.Context, db bun.IDB, actor *models.User, key string) (int64, bool, error) {
	var ids []int64
	err := db.NewRaw("SELECT result_id FROM idempotency_keys WHERE actor_id = ? AND key = ? AND result_id <> 0", actor.ID, key).Scan(ctx, &ids)
	if err != nil || len(ids) == 0 {
		return 0, false, err
	}
	return ids[0], true, nil
}
