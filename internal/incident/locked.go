package incident

import (
	"context"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// lockedChange says how a change to an incident, or to something of it, is
// run.
type lockedChange struct {
	// thing names what the caller reached through the incident ("action
	// item", "retrospective"): when the incident is hidden from the actor
	// the answer is the same "<thing> not found" as for a thing that does
	// not exist, so it tells nothing of private incidents. Empty: the
	// incident itself.
	thing string
	// expectedVersion, when set, must be the incident's version (CONFLICT).
	expectedVersion *int
	// incidentChanged saves the incident's columns and bumps its version.
	// Otherwise only its timeline sequence is kept: a retrospective or
	// follow-up changed, not the incident, so someone editing the incident
	// meanwhile gets no conflict.
	incidentChanged bool
}

// onLocked is the one way anything of an incident changes: one transaction
// that takes the incident's row lock (which orders concurrent changes and
// keeps the timeline sequence gap-free), checks the version, runs change —
// which writes its rows, timeline event and outbox row in the same
// transaction — and saves the incident.
func (s *Service) onLocked(ctx context.Context, actor *models.User, id int64, how lockedChange,
	change func(context.Context, bun.Tx, *models.Incident) error,
) error {
	return s.db.RunInTx(ctx, nil, func(ctx context.Context, tx bun.Tx) error {
		inc, err := lockIncident(ctx, tx, actor, id)
		if how.thing != "" && apperr.CodeOf(err) == apperr.NotFound {
			return apperr.NotFoundf("%s not found", how.thing)
		}
		if err != nil {
			return err
		}
		if err := checkVersion(inc, how.expectedVersion); err != nil {
			return err
		}
		if err := change(ctx, tx, inc); err != nil {
			return err
		}
		if how.incidentChanged {
			return save(ctx, tx, inc)
		}
		_, err = tx.NewUpdate().Model(inc).Column("last_event_sequence").Set("updated_at = now()").WherePK().Exec(ctx)
		return err
	})
}
