// Package metrics answers how the response went over a set of incidents:
// times to acknowledge, mitigate and resolve, overall, by severity, by
// product and by week, and the follow-ups left open.
package metrics

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/incident"
	"firebreak/models"
)

// Service computes response metrics.
type Service struct {
	reads *database.Reads
	now   func() time.Time
}

// NewService measures over reads (a read replica when there is one); now is
// the clock (nil: the system's).
func NewService(reads *database.Reads, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{reads: reads, now: now}
}

// Filter chooses the incidents measured: declared in [From, To),
// of these severities and affecting any of these products. False alarms
// (CANCELED) are never counted.
type Filter struct {
	From, To       *time.Time
	SeverityLevels []int
	ProductIDs     []int64
}

// Durations summarise one response time, in seconds; nil without data.
type Durations struct {
	Mean, Median, P90 *float64
}

// ResponseTimes are the three response times of a set of incidents, each
// measured from detection: to acknowledgement (first commander or update),
// to mitigation (first MONITORING, or resolution), to resolution.
type ResponseTimes struct {
	Count                                            int
	TimeToAcknowledge, TimeToMitigate, TimeToResolve Durations
}

// SeverityTimes are the response times of one severity's incidents.
type SeverityTimes struct {
	SeverityID int64
	ResponseTimes
}

// ProductTimes are the response times of incidents affecting a product.
type ProductTimes struct {
	ProductID int64
	ResponseTimes
}

// Week is one week (starting Monday, UTC) of the series.
type Week struct {
	WeekStart           time.Time
	Count               int
	MedianTimeToResolve *float64
}

// Report answers questions about incident response over one filtered set
// of incidents. Each part is its own query, run when asked for, so a
// dashboard showing only the headline figures does not pay for the
// breakdowns.
type Report struct {
	s *Service
	// db is where this report's queries go: the replica or the primary,
	// chosen once so that its parts agree.
	db       *bun.DB
	measured *bun.SelectQuery
	filter   Filter

	summaryOnce sync.Once
	summary     ResponseTimes
	summaryErr  error

	itemsOnce     sync.Once
	open, overdue int
	itemsErr      error
}

// responseRow is how SQL returns ResponseTimes: a mean, and the median and
// p90 from one sort each (percentile_cont over an array of fractions).
type responseRow struct {
	Key     int64     `bun:"key"`
	Count   int       `bun:"count"`
	TTAMean *float64  `bun:"tta_mean"`
	TTAPct  []float64 `bun:"tta_pct,array"`
	TTMMean *float64  `bun:"ttm_mean"`
	TTMPct  []float64 `bun:"ttm_pct,array"`
	TTRMean *float64  `bun:"ttr_mean"`
	TTRPct  []float64 `bun:"ttr_pct,array"`
}

func durations(mean *float64, pct []float64) Durations {
	d := Durations{Mean: mean}
	if len(pct) == 2 {
		d.Median, d.P90 = &pct[0], &pct[1]
	}
	return d
}

func (r responseRow) times() ResponseTimes {
	return ResponseTimes{Count: r.Count,
		TimeToAcknowledge: durations(r.TTAMean, r.TTAPct),
		TimeToMitigate:    durations(r.TTMMean, r.TTMPct),
		TimeToResolve:     durations(r.TTRMean, r.TTRPct),
	}
}

// responseColumns aggregates the three durations of the measured set.
var responseColumns = func() string {
	var cols []string
	for _, d := range []string{"tta", "ttm", "ttr"} {
		cols = append(cols, "avg("+d+") AS "+d+"_mean",
			"percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY "+d+") AS "+d+"_pct")
	}
	return "count(*) AS count, " + strings.Join(cols, ", ")
}()

// Report prepares response metrics over the incidents the viewer may see.
func (s *Service) Report(viewer *models.User, f Filter) (*Report, error) {
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return nil, apperr.BadInput("to", "to must be after from")
	}
	db := s.reads.DB()
	measured := incident.VisibleTo(db.NewSelect().Model((*models.Incident)(nil)).
		ColumnExpr("i.id, i.severity_id, i.declared_at").
		// date_part, not extract: extract returns numeric, three times slower here.
		ColumnExpr("date_part('epoch', i.acknowledged_at - i.detected_at) AS tta").
		ColumnExpr("date_part('epoch', i.mitigated_at - i.detected_at) AS ttm").
		ColumnExpr("date_part('epoch', i.resolved_at - i.detected_at) AS ttr").
		Where("i.status <> ?", models.StatusCanceled), viewer)
	if f.From != nil {
		measured.Where("i.declared_at >= ?", *f.From)
	}
	if f.To != nil {
		measured.Where("i.declared_at < ?", *f.To)
	}
	if len(f.SeverityLevels) > 0 {
		measured.Where("i.severity_id IN (SELECT id FROM severities WHERE level IN (?))", bun.In(f.SeverityLevels))
	}
	if len(f.ProductIDs) > 0 {
		measured.Where("EXISTS (SELECT 1 FROM incident_products ip WHERE ip.incident_id = i.id AND ip.product_id IN (?))", bun.In(f.ProductIDs))
	}
	return &Report{s: s, db: db, measured: measured, filter: f}, nil
}

func (m *Report) over() *bun.SelectQuery {
	return m.db.NewSelect().With("m", m.measured).TableExpr("m")
}

// Summary is the response times of the whole set.
func (m *Report) Summary(ctx context.Context) (ResponseTimes, error) {
	m.summaryOnce.Do(func() {
		var all responseRow
		m.summaryErr = m.over().ColumnExpr(responseColumns).Scan(ctx, &all)
		m.summary = all.times()
	})
	return m.summary, m.summaryErr
}

// BySeverity breaks the response times down by severity, worst first.
func (m *Report) BySeverity(ctx context.Context) ([]*SeverityTimes, error) {
	var rows []responseRow
	if err := m.over().ColumnExpr("m.severity_id AS key, "+responseColumns).
		Join("JOIN severities s ON s.id = m.severity_id").GroupExpr("m.severity_id, s.level").OrderExpr("s.level").
		Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make([]*SeverityTimes, len(rows))
	for i, r := range rows {
		out[i] = &SeverityTimes{SeverityID: r.Key, ResponseTimes: r.times()}
	}
	return out, nil
}

// ByProduct breaks the response times down by affected product, the most
// affected first (an incident counts for each of its products).
func (m *Report) ByProduct(ctx context.Context) ([]*ProductTimes, error) {
	var rows []responseRow
	q := m.over().ColumnExpr("ip.product_id AS key, " + responseColumns).
		Join("JOIN incident_products ip ON ip.incident_id = m.id")
	if len(m.filter.ProductIDs) > 0 {
		q.Where("ip.product_id IN (?)", bun.In(m.filter.ProductIDs))
	}
	if err := q.GroupExpr("ip.product_id").OrderExpr("count DESC, ip.product_id").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make([]*ProductTimes, len(rows))
	for i, r := range rows {
		out[i] = &ProductTimes{ProductID: r.Key, ResponseTimes: r.times()}
	}
	return out, nil
}

// Weekly counts incidents per week (from Monday, UTC) with their median
// time to resolve, oldest first.
func (m *Report) Weekly(ctx context.Context) ([]*Week, error) {
	var rows []struct {
		Week   time.Time `bun:"week"`
		Count  int       `bun:"count"`
		Median *float64  `bun:"median"`
	}
	if err := m.over().
		ColumnExpr("date_trunc('week', m.declared_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS week").
		ColumnExpr("count(*) AS count, percentile_cont(0.5) WITHIN GROUP (ORDER BY ttr) AS median").
		GroupExpr("week").OrderExpr("week").Scan(ctx, &rows); err != nil {
		return nil, err
	}
	out := make([]*Week, len(rows))
	for i, w := range rows {
		out[i] = &Week{WeekStart: w.Week.UTC(), Count: w.Count, MedianTimeToResolve: w.Median}
	}
	return out, nil
}

// ActionItems counts the set's follow-ups not yet finished, and of those
// the ones past their due date.
func (m *Report) ActionItems(ctx context.Context) (open, overdue int, err error) {
	m.itemsOnce.Do(func() {
		m.itemsErr = m.db.NewSelect().With("m", m.measured).Model((*models.ActionItem)(nil)).
			ColumnExpr("count(*) AS open").
			ColumnExpr("count(*) FILTER (WHERE ai.due_at < ?) AS overdue", m.s.now()).
			Where("ai.incident_id IN (SELECT id FROM m)").
			Where("ai.status IN (?)", bun.In([]models.ActionItemStatus{models.ActionItemOpen, models.ActionItemInProgress})).
			Scan(ctx, &m.open, &m.overdue)
	})
	return m.open, m.overdue, m.itemsErr
}
