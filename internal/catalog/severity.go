package catalog

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/audit"
	"firebreak/internal/database"
	"firebreak/models"
)

// UpdateSeverityInput edits a severity level's definition; nil fields stay.
type UpdateSeverityInput struct {
	Level                 int
	Name                  *string
	Description           *string
	Color                 *string
	UpdateIntervalMinutes *int
	RetrospectiveRequired *bool
	RetrospectiveDueDays  *int
	// ExpectedVersion, when given, refuses the edit (CONFLICT) if someone
	// changed the severity since the client read it.
	ExpectedVersion *int
}

// Bounds of a severity's definition.
const (
	maxSeverityName        = 50
	maxSeverityDescription = 2000
	maxUpdateInterval      = 7 * 24 * 60 // a week, in minutes
	maxRetrospectiveDue    = 365
)

var colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

func (in *UpdateSeverityInput) apply(sev *models.Severity) error {
	if in.Name != nil {
		name := strings.TrimSpace(*in.Name)
		if n := utf8.RuneCountInString(name); n == 0 || n > maxSeverityName {
			return apperr.BadInput("name", "name must be 1 to %d characters", maxSeverityName)
		}
		sev.Name = name
	}
	if in.Description != nil {
		d := strings.TrimSpace(*in.Description)
		if utf8.RuneCountInString(d) > maxSeverityDescription {
			return apperr.BadInput("description", "description must be at most %d characters", maxSeverityDescription)
		}
		sev.Description = d
	}
	if in.Color != nil {
		if !colorPattern.MatchString(*in.Color) {
			return apperr.BadInput("color", "color must be #RRGGBB")
		}
		sev.Color = strings.ToUpper(*in.Color)
	}
	if in.UpdateIntervalMinutes != nil {
		if m := *in.UpdateIntervalMinutes; m < 1 || m > maxUpdateInterval {
			return apperr.BadInput("updateIntervalMinutes", "updateIntervalMinutes must be between 1 and %d (a week)", maxUpdateInterval)
		}
		sev.UpdateIntervalMinutes = *in.UpdateIntervalMinutes
	}
	if in.RetrospectiveRequired != nil {
		sev.RetrospectiveRequired = *in.RetrospectiveRequired
	}
	if in.RetrospectiveDueDays != nil {
		if d := *in.RetrospectiveDueDays; d < 1 || d > maxRetrospectiveDue {
			return apperr.BadInput("retrospectiveDueDays", "retrospectiveDueDays must be between 1 and %d", maxRetrospectiveDue)
		}
		sev.RetrospectiveDueDays = *in.RetrospectiveDueDays
	}
	return nil
}

// UpdateSeverity edits a level's definition (ADMIN), in one transaction
// with its audit entry. A changed cadence re-times the next update of every
// open incident at that level from its last update (or declaration), so
// the reminders follow the new cadence at once; one whose new due time has
// passed is reminded on the workers' next look.
func (s *Service) UpdateSeverity(ctx context.Context, actor *models.User, in UpdateSeverityInput) (*models.Severity, error) {
	if err := actor.RequireRole(models.RoleAdmin); err != nil {
		return nil, err
	}
	sev := new(models.Severity)
	err := audit.InTx(ctx, s.db, actor, func(ctx context.Context, tx bun.Tx) error {
		err := tx.NewSelect().Model(sev).Where("level = ?", in.Level).For("UPDATE").Scan(ctx)
		if database.IsNoRows(err) {
			return apperr.BadInput("level", "there is no severity level %d", in.Level)
		}
		if err != nil {
			return err
		}
		if in.ExpectedVersion != nil && *in.ExpectedVersion != sev.Version {
			return apperr.New(apperr.Conflict, "%s was changed by someone else (version %d, you expected %d); reload it and try again",
				sev.Name, sev.Version, *in.ExpectedVersion)
		}
		cadence := sev.UpdateIntervalMinutes
		if err := in.apply(sev); err != nil {
			return err
		}
		_, err = tx.NewUpdate().Model(sev).
			Column("name", "description", "color", "update_interval_minutes", "retrospective_required", "retrospective_due_days").
			Set("version = version + 1").Set("updated_at = now()").WherePK().Returning("*").Exec(ctx)
		if constraint, ok := database.UniqueViolation(err); ok && constraint == "severities_name_key" {
			return apperr.BadInput("name", "another severity is named %q", sev.Name)
		}
		if err != nil || sev.UpdateIntervalMinutes == cadence {
			return err
		}
		_, err = tx.NewUpdate().Model((*models.Incident)(nil)).
			Set("next_update_due_at = coalesce(i.last_update_at, i.declared_at) + make_interval(mins => ?)", sev.UpdateIntervalMinutes).
			Where("i.severity_id = ?", sev.ID).Where("i.status IN (?)", bun.In(openStatuses)).
			Where("i.next_update_due_at IS NOT NULL").Exec(ctx)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("update severity: %w", err)
	}
	s.severities.Changed()
	return sev, nil
}

var openStatuses = []models.IncidentStatus{models.StatusInvestigating, models.StatusIdentified, models.StatusMonitoring}
