package alerting

import (
	"context"
	"time"
)

// DefaultPayloadRetention is how long notifications are kept as received:
// alerts and groups keep their state for good; the raw payloads only serve
// to replay or debug a sender's recent notifications, and at Alertmanager's
// repeat rate they would otherwise grow without end.
const DefaultPayloadRetention = 14 * 24 * time.Hour

// pruneBatch bounds the payloads one run deletes; a larger backlog is
// taken by the next run.
const pruneBatch = 10_000

// PrunePayloads deletes up to pruneBatch notifications received before
// before, oldest first, and says how many.
func (s *Service) PrunePayloads(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.conn(ctx).NewRaw(`DELETE FROM alert_payloads WHERE id IN (
		SELECT id FROM alert_payloads WHERE received_at < ? ORDER BY id LIMIT ?)`, before, pruneBatch).Exec(ctx)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
