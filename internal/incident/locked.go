package incident

import (
	"context"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/models"
)

// Locked says how a change to an incident, or to a part of it, is run.
type Locked struct {
	// Thing names what the caller reached through the incident ("action
	// item", "retrospective"): when the incident is hidden from the actor
	// the answer is the same "<thing> not found" as for a thing that does
	// not exist, so it tells nothing of private incidents. Empty: the
	// incident itself.
	Thing string
	// ExpectedVersion, when set, must be the incident's version (CONFLICT).
	ExpectedVersion *int
	// IncidentChanged saves the incident's columns and bumps its version.
	// Otherwise only its timeline sequence is kept: a retrospective or
	// follow-up changed, not the incident, so someone editing the incident
	// meanwhile gets no conflict.
	IncidentChanged bool
}

// OnLocked is the one way anything of an incident changes: one transaction
// that takes the incident's row lock (which orders concurrent changes and
// keeps the timeline sequence gap-free), checks the version, runs change —
// which writes its rows, timeline event (RecordEvent) and outbox row in the
// same transaction — and saves the incident.
func (s *Service) OnLocked(ctx context.Context, actor *models.User, id int64, how Locked,
	change func(context.Context, bun.Tx, *models.Incident) error,
) error {
	return database.RunInTx(ctx, s.db, func(ctx context.Context, tx bun.Tx) error {
		inc, err := lockIncident(ctx, tx, actor, id)
		if how.Thing != "" && apperr.CodeOf(err) == apperr.NotFound {
			return apperr.NotFoundf("%s not found", how.Thing)
		}
		if err != nil {
			return err
		}
		if err := checkStale("incident", how.ExpectedVersion, inc.Version); err != nil {
			return err
		}
		if err := change(ctx, tx, inc); err != nil {
			return err
		}
		if how.IncidentChanged {
			return save(ctx, tx, inc)
		}
		_, err = tx.NewUpdate().Model(inc).Column("last_event_sequence").Set("updated_at = now()").WherePK().Exec(ctx)
		return err
	})
}

// Part is a row that belongs to one incident and carries its own version
// for optimistic concurrency: a retrospective, a follow-up.
type Part interface {
	// VersionRef points at the row's version, which UpdatePart checks and
	// bumps.
	VersionRef() *int
	// FixedColumns are the columns an update never writes.
	FixedColumns() []string
}

// UpdatePart runs change on the part with the given id, locked inside its
// locked incident, in one transaction: the part's version is checked
// against expectedVersion (CONFLICT naming thing), and the part is saved
// with a new version. A change returning ErrUnchanged rolls back and
// UpdatePart returns ErrUnchanged: the caller answers with the part as it
// is.
func UpdatePart[T any, P interface {
	*T
	Part
}](ctx context.Context, s *Service, actor *models.User, thing string, id int64, expectedVersion *int,
	change func(context.Context, bun.Tx, *models.Incident, P) error,
) (P, error) {
	var incidentID int64
	err := s.conn(ctx).NewSelect().Model(P(nil)).Column("incident_id").Where("id = ?", id).Scan(ctx, &incidentID)
	if database.IsNoRows(err) {
		return nil, apperr.NotFoundf("%s not found", thing)
	}
	if err != nil {
		return nil, err
	}
	part := P(new(T))
	err = s.OnLocked(ctx, actor, incidentID, Locked{Thing: thing}, func(ctx context.Context, tx bun.Tx, inc *models.Incident) error {
		if err := tx.NewSelect().Model(part).Where("id = ?", id).For("UPDATE").Scan(ctx); err != nil {
			return err
		}
		if err := checkStale(thing, expectedVersion, *part.VersionRef()); err != nil {
			return err
		}
		if err := change(ctx, tx, inc, part); err != nil {
			return err
		}
		*part.VersionRef()++
		_, err := tx.NewUpdate().Model(part).WherePK().ExcludeColumn(part.FixedColumns()...).
			Set("updated_at = now()").Returning("updated_at").Exec(ctx)
		return err
	})
	return part, err
}

// Lifecycle is what other packages do inside the transaction that moves an
// incident, without incident importing them: the retrospective package
// opens the retrospective a severity requires on resolution and holds
// closing until it is published.
type Lifecycle interface {
	// Resolved runs after the incident moved to RESOLVED.
	Resolved(ctx context.Context, tx bun.Tx, inc *models.Incident, actor *models.User, now time.Time) error
	// Closing runs before the incident moves to CLOSED; an error refuses it.
	Closing(ctx context.Context, tx bun.Tx, inc *models.Incident) error
}

// noLifecycle is the lifecycle of a service built without one.
type noLifecycle struct{}

func (noLifecycle) Resolved(context.Context, bun.Tx, *models.Incident, *models.User, time.Time) error {
	return nil
}
func (noLifecycle) Closing(context.Context, bun.Tx, *models.Incident) error { return nil }
