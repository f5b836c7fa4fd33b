package incident

import (
	"context"
	"strings"
	"time"

	"github.com/uptrace/bun"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// MetricsFilter chooses the incidents measured: declared in [From, To),
// of these severities and affecting any of these products. False alarms
// (CANCELED) are never counted.
type MetricsFilter struct {
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

// SeverityMetrics are the response times of one severity's incidents.
type SeverityMetrics struct {
	SeverityID int64
	ResponseTimes
}

// ProductMetrics are the response times of incidents affecting a product.
type ProductMetrics struct {
	ProductID int64
	ResponseTimes
}

// WeekMetrics is one week (starting Monday, UTC) of the series.
type WeekMetrics struct {
	WeekStart           time.Time
	Count               int
	MedianTimeToResolve *float64
}

// Metrics is the state of incident response over a period.
type Metrics struct {
	ResponseTimes
	BySeverity []SeverityMetrics
	ByProduct  []ProductMetrics
	Weekly     []WeekMetrics
	// Follow-ups of the measured incidents: not finished, and of those past
	// their due date.
	OpenActionItems, OverdueActionItems int
}

// responseRow is how SQL returns ResponseTimes.
type responseRow struct {
	Key       int64     `bun:"key"`
	Week      time.Time `bun:"week"`
	Count     int       `bun:"count"`
	TTAMean   *float64  `bun:"tta_mean"`
	TTAMedian *float64  `bun:"tta_median"`
	TTAP90    *float64  `bun:"tta_p90"`
	TTMMean   *float64  `bun:"ttm_mean"`
	TTMMedian *float64  `bun:"ttm_median"`
	TTMP90    *float64  `bun:"ttm_p90"`
	TTRMean   *float64  `bun:"ttr_mean"`
	TTRMedian *float64  `bun:"ttr_median"`
	TTRP90    *float64  `bun:"ttr_p90"`
}

func (r responseRow) times() ResponseTimes {
	return ResponseTimes{Count: r.Count,
		TimeToAcknowledge: Durations{r.TTAMean, r.TTAMedian, r.TTAP90},
		TimeToMitigate:    Durations{r.TTMMean, r.TTMMedian, r.TTMP90},
		TimeToResolve:     Durations{r.TTRMean, r.TTRMedian, r.TTRP90},
	}
}

// responseColumns aggregates the three durations of the measured set.
var responseColumns = func() string {
	var cols []string
	for _, d := range []string{"tta", "ttm", "ttr"} {
		cols = append(cols,
			"avg("+d+") AS "+d+"_mean",
			"percentile_cont(0.5) WITHIN GROUP (ORDER BY "+d+") AS "+d+"_median",
			"percentile_cont(0.9) WITHIN GROUP (ORDER BY "+d+") AS "+d+"_p90")
	}
	return "count(*) AS count, " + strings.Join(cols, ", ")
}()

// Metrics computes response metrics over the incidents the viewer may see,
// in SQL: a handful of aggregate queries over one filtered set.
func (s *Service) Metrics(ctx context.Context, viewer *models.User, f MetricsFilter) (*Metrics, error) {
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		return nil, apperr.BadInput("to", "to must be after from")
	}
	measured := visibleTo(s.db.NewSelect().Model((*models.Incident)(nil)).
		ColumnExpr("i.id, i.severity_id, i.declared_at").
		ColumnExpr("extract(epoch FROM i.acknowledged_at - i.detected_at)::float8 AS tta").
		ColumnExpr("extract(epoch FROM i.mitigated_at - i.detected_at)::float8 AS ttm").
		ColumnExpr("extract(epoch FROM i.resolved_at - i.detected_at)::float8 AS ttr").
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
	over := func() *bun.SelectQuery { return s.db.NewSelect().With("m", measured) }

	m := &Metrics{}
	var all responseRow
	if err := over().TableExpr("m").ColumnExpr(responseColumns).Scan(ctx, &all); err != nil {
		return nil, err
	}
	m.ResponseTimes = all.times()

	var bySeverity []responseRow
	if err := over().TableExpr("m").ColumnExpr("m.severity_id AS key, "+responseColumns).
		Join("JOIN severities s ON s.id = m.severity_id").GroupExpr("m.severity_id, s.level").OrderExpr("s.level").
		Scan(ctx, &bySeverity); err != nil {
		return nil, err
	}
	for _, r := range bySeverity {
		m.BySeverity = append(m.BySeverity, SeverityMetrics{SeverityID: r.Key, ResponseTimes: r.times()})
	}

	var byProduct []responseRow
	q := over().TableExpr("m").ColumnExpr("ip.product_id AS key, " + responseColumns).
		Join("JOIN incident_products ip ON ip.incident_id = m.id")
	if len(f.ProductIDs) > 0 {
		q.Where("ip.product_id IN (?)", bun.In(f.ProductIDs))
	}
	if err := q.GroupExpr("ip.product_id").OrderExpr("count DESC, ip.product_id").Scan(ctx, &byProduct); err != nil {
		return nil, err
	}
	for _, r := range byProduct {
		m.ByProduct = append(m.ByProduct, ProductMetrics{ProductID: r.Key, ResponseTimes: r.times()})
	}

	var weekly []responseRow
	if err := over().TableExpr("m").
		ColumnExpr("date_trunc('week', m.declared_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS week, "+responseColumns).
		GroupExpr("week").OrderExpr("week").Scan(ctx, &weekly); err != nil {
		return nil, err
	}
	for _, r := range weekly {
		m.Weekly = append(m.Weekly, WeekMetrics{WeekStart: r.Week.UTC(), Count: r.Count, MedianTimeToResolve: r.TTRMedian})
	}

	open := []models.ActionItemStatus{models.ActionItemOpen, models.ActionItemInProgress}
	err := over().Model((*models.ActionItem)(nil)).
		ColumnExpr("count(*) AS open").
		ColumnExpr("count(*) FILTER (WHERE ai.due_at < ?) AS overdue", s.now()).
		Where("ai.incident_id IN (SELECT id FROM m)").Where("ai.status IN (?)", bun.In(open)).
		Scan(ctx, &m.OpenActionItems, &m.OverdueActionItems)
	if err != nil {
		return nil, err
	}
	return m, nil
}
