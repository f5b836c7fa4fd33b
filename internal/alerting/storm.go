package alerting

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/idempotency"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Storm bounds the incidents one source declares through one route: once
// it has declared Limit in Window, further groups are attached to one
// storm incident (named as such) instead of each opening its own — one
// alert token opened 100 incidents, each with a Slack channel and an
// announcement, in 25 s. Every alert is still recorded on its group.
type Storm struct {
	// Limit is how many incidents a source and route may open in Window,
	// the storm incident included (0: no limit).
	Limit  int
	Window time.Duration
}

// DefaultStorm is FIREBREAK_ALERT_STORM_LIMIT and _WINDOW's default.
var DefaultStorm = Storm{Limit: 20, Window: 10 * time.Minute}

// WithStorm sets the storm bound (DefaultStorm unless called).
func (s *Service) WithStorm(storm Storm) *Service {
	s.storm = storm
	return s
}

// stormIncident is the incident a declaration of group through route r
// goes to once the storm bound is reached (0: declare as usual). The
// count and the declaration it allows are one step per source and route
// (a transaction-scoped advisory lock), so concurrent groups do not both
// take the last place.
func (s *Service) stormIncident(ctx context.Context, tx bun.Tx, actor *models.User, groupID int64, r *Route) (int64, error) {
	if s.storm.Limit <= 0 || s.storm.Window <= 0 {
		return 0, nil
	}
	var src struct {
		ID   int64  `bun:"id"`
		Name string `bun:"name"`
	}
	if err := tx.NewRaw("SELECT s.id, s.name FROM alert_sources s JOIN alert_groups g ON g.source_id = s.id WHERE g.id = ?", groupID).Scan(ctx, &src); err != nil {
		return 0, err
	}
	if _, err := tx.NewRaw("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))", fmt.Sprintf("alert-storm:%d:%d", src.ID, r.ID)).Exec(ctx); err != nil {
		return 0, err
	}
	now := s.now()
	var declared int
	err := tx.NewRaw(`SELECT count(DISTINCT i.id) FROM alert_groups g JOIN incidents i ON i.id = g.incident_id
		WHERE g.source_id = ? AND g.route_id = ? AND i.created_by_id = ? AND i.declared_at >= ?`,
		src.ID, r.ID, actor.ID, now.Add(-s.storm.Window)).Scan(ctx, &declared)
	if err != nil || declared < s.storm.Limit-1 {
		return 0, err
	}
	// One storm incident per source, route and window.
	key := fmt.Sprintf("alert-storm:%d:%d:%d", src.ID, r.ID, now.UnixNano()/int64(s.storm.Window))
	id, found, err := idempotency.Lookup(ctx, tx, actor, key)
	if err != nil || found {
		return id, err
	}
	inc, err := s.incidents.Declare(ctx, actor, incident.DeclareInput{
		Title: clipTitle(fmt.Sprintf("Alert storm: %s opened %d incidents through route %q within %s; further alert groups are attached here",
			src.Name, declared, r.Matchers, s.storm.Window)),
		SeverityLevel: r.SeverityLevel, ProductIDs: r.ProductIDs, IdempotencyKey: key,
	})
	if err != nil {
		return 0, fmt.Errorf("declare the alert storm incident: %w", err)
	}
	return inc.ID, nil
}

func clipTitle(s string) string {
	if r := []rune(s); len(r) > models.MaxTitleLength {
		return string(r[:models.MaxTitleLength])
	}
	return s
}
