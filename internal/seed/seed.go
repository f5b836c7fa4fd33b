// Package seed fills a database with realistic incident history — products,
// people, and incidents across every status and severity over the past
// years, each with products, a commander, updates and a timeline — for
// demos, load tests and benchmarks. It works in set-based SQL so that
// 100,000 incidents take seconds, not hours.
package seed

import (
	"context"
	"fmt"
	"time"

	"github.com/uptrace/bun"
)

// Options size the seed.
type Options struct {
	Incidents int
	// Years spreads declarations over this many years back from now.
	Years int
}

// Result says what was added.
type Result struct {
	Incidents, Updates, Events int
	Took                       time.Duration
}

var steps = []struct{ name, sql string }{
	{"users", `
INSERT INTO users (name, email, role)
SELECT initcap(f) || ' ' || initcap(l), 'seed-' || f || '.' || l || '@example.com',
       (ARRAY['RESPONDER','RESPONDER','RESPONDER','VIEWER','ADMIN'])[1 + (abs(hashtext(f || l)) % 5)]
FROM unnest(ARRAY['ada','grace','linus','ken','barbara','margaret','dennis','radia','frances','edsger']) f,
     unnest(ARRAY['lovelace','hopper','torvalds','thompson','liskov','hamilton','ritchie','perlman']) l
ON CONFLICT (lower(email)) DO NOTHING`},
	{"products", `
INSERT INTO products (name, slug, description)
SELECT n, lower(regexp_replace(n, '[^A-Za-z0-9]+', '-', 'g')), 'Seeded product'
FROM unnest(ARRAY['Amplify Science','Amplify Reading','Checkout','Search','Login','Payments','Mobile App',
  'Public API','Notifications','Reporting','Admin Console','Video','Billing','Data Export','Single Sign-On',
  'Gradebook','Messaging','Content Delivery','Assessments','Analytics']) n
ON CONFLICT DO NOTHING`},
	{"incidents", `
WITH people AS (SELECT array_agg(id ORDER BY id) ids FROM users WHERE role <> 'VIEWER'),
     sev AS (SELECT array_agg(id ORDER BY level) ids FROM severities),
     g AS (
       SELECT g, random() r1, random() r2, random() r3, random() r4,
              now() - (random() * ?years * interval '365 days') - interval '1 hour' AS declared
       FROM generate_series(1, ?n) g)
INSERT INTO incidents (handle, title, summary, status, severity_id, visibility, created_by_id,
  detected_at, declared_at, acknowledged_at, mitigated_at, resolved_at, closed_at, version, last_event_sequence)
SELECT
  (ARRAY['amber','bold','calm','clever','daring','eager','fierce','gentle','humble','jolly','lucky','mighty','noble','quiet','rapid','serious'])[1 + (g % 16)]
    || '-' || (ARRAY['badger','falcon','otter','lynx','heron','panda','raven','walrus','yak','koala','orca','tiger'])[1 + (g / 16 % 12)]
    || '-' || (?offset + g),
  (ARRAY['Elevated error rates on','Slow responses from','Outage of','Degraded performance in','Intermittent failures in',
         'Data delay in','Login problems affecting','Timeouts in'])[1 + (g % 8)] || ' ' ||
  (ARRAY['the checkout flow','search results','the public API','audio playback','report exports','single sign-on',
         'push notifications','the grading service','video streaming','the billing run'])[1 + (g / 8 % 10)],
  (ARRAY['Customers report errors after the latest deploy.','Monitoring alerted on p99 latency.',
         'A dependency is returning 503s.','Database CPU is saturated.','A configuration change rolled out to all regions.'])[1 + (g % 5)],
  CASE WHEN declared > now() - interval '3 days' THEN (ARRAY['INVESTIGATING','IDENTIFIED','MONITORING'])[1 + (g % 3)]
       WHEN r1 < 0.04 THEN 'CANCELED' WHEN r1 < 0.15 THEN 'RESOLVED' ELSE 'CLOSED' END,
  sev.ids[CASE WHEN r2 < 0.1 THEN 1 WHEN r2 < 0.4 THEN 2 ELSE 3 END],
  CASE WHEN r3 < 0.03 THEN 'PRIVATE' ELSE 'PUBLIC' END,
  people.ids[1 + (g % array_length(people.ids, 1))],
  declared - r4 * interval '30 minutes',
  declared,
  declared,
  declared + (5 + r1 * 240) * interval '1 minute',
  NULL, NULL, 1, 0
FROM g, people, sev`},
	{"timestamps", `
UPDATE incidents SET
  mitigated_at = CASE WHEN status IN ('INVESTIGATING','IDENTIFIED','CANCELED') THEN NULL ELSE mitigated_at END,
  resolved_at = CASE WHEN status IN ('RESOLVED','CLOSED') THEN mitigated_at + (random() * 180) * interval '1 minute' END,
  closed_at = CASE WHEN status = 'CLOSED' THEN mitigated_at + (1 + random() * 10) * interval '1 day'
                   WHEN status = 'CANCELED' THEN declared_at + interval '20 minutes' END
WHERE id > ?after`},
	{"products of incidents", `
INSERT INTO incident_products (incident_id, product_id)
SELECT DISTINCT i.id, p.ids[1 + ((i.id * k) % array_length(p.ids, 1))]
FROM incidents i, (SELECT array_agg(id ORDER BY id) ids FROM products) p, generate_series(1, 3) k
WHERE i.id > ?after AND k <= 1 + (i.id % 3)
ON CONFLICT DO NOTHING`},
	{"commanders", `
INSERT INTO incident_role_assignments (incident_id, role, user_id, assigned_by_id, assigned_at)
SELECT id, 'COMMANDER', created_by_id, created_by_id, declared_at FROM incidents WHERE id > ?after`},
	{"updates", `
INSERT INTO incident_updates (incident_id, author_id, body, status, created_at)
SELECT i.id, i.created_by_id,
  (ARRAY['We are investigating reports of errors.','We have identified a faulty deploy and are rolling it back.',
         'Error rates have declined after removing possibly faulty server instances.',
         'A fix is in place and we are monitoring the results.','Service is fully restored; a retrospective will follow.'])[u],
  CASE u WHEN 2 THEN 'IDENTIFIED' WHEN 4 THEN 'MONITORING' WHEN 5 THEN 'RESOLVED' END,
  i.declared_at + u * least(coalesce(i.resolved_at, now()) - i.declared_at, interval '6 hours') / 6
FROM incidents i, generate_series(1, 5) u
WHERE i.id > ?after AND u <= CASE i.status WHEN 'INVESTIGATING' THEN 1 WHEN 'IDENTIFIED' THEN 2 WHEN 'MONITORING' THEN 4
                                  WHEN 'CANCELED' THEN 1 ELSE 2 + (i.id % 4) END`},
	{"timeline", `
INSERT INTO timeline_events (incident_id, sequence, kind, actor_id, occurred_at, message, data)
SELECT incident_id, row_number() OVER (PARTITION BY incident_id ORDER BY at, ord), kind, actor, at, message, data
FROM (
  SELECT i.id incident_id, 0 ord, 'DECLARED' kind, i.created_by_id actor, i.declared_at at,
         'Declared: ' || i.title message, jsonb_build_object('title', i.title) data
  FROM incidents i WHERE i.id > ?after
  UNION ALL
  SELECT i.id, 1, 'ROLE_ASSIGNED', i.created_by_id, i.declared_at, 'Commander assigned', '{"role":"COMMANDER"}'
  FROM incidents i WHERE i.id > ?after
  UNION ALL
  SELECT u.incident_id, 2, 'UPDATE_POSTED', u.author_id, u.created_at, 'Update posted',
         jsonb_build_object('updateId', u.id, 'body', u.body)
  FROM incident_updates u WHERE u.incident_id > ?after
  UNION ALL
  SELECT u.incident_id, 3, 'STATUS_CHANGED', u.author_id, u.created_at, 'Status changed to ' || u.status,
         jsonb_build_object('to', u.status)
  FROM incident_updates u WHERE u.incident_id > ?after AND u.status IS NOT NULL
) e`},
	{"counters and search", `
UPDATE incidents i SET
  last_event_sequence = e.n, version = e.n, last_update_at = u.last,
  status = CASE WHEN i.status = 'RESOLVED' AND u.last_status = 'RESOLVED' THEN 'RESOLVED' ELSE i.status END,
  search_vector = setweight(to_tsvector('english', i.title), 'A') || setweight(to_tsvector('english', i.summary), 'B')
                  || to_tsvector('english', u.bodies)
FROM (SELECT incident_id, count(*) n FROM timeline_events WHERE incident_id > ?after GROUP BY incident_id) e,
     (SELECT incident_id, max(created_at) last, string_agg(body, ' ') bodies,
             (array_agg(status ORDER BY created_at DESC))[1] last_status
      FROM incident_updates WHERE incident_id > ?after GROUP BY incident_id) u
WHERE i.id = e.incident_id AND i.id = u.incident_id`},
	{"update due times", `
UPDATE incidents i SET
  next_update_due_at = coalesce(i.last_update_at, i.declared_at) + make_interval(mins => s.update_interval_minutes)
FROM severities s
WHERE s.id = i.severity_id AND i.id > ?after AND i.status IN ('INVESTIGATING', 'IDENTIFIED', 'MONITORING')`},
	{"retrospectives", `
INSERT INTO retrospectives (incident_id, owner_id, status, due_at, summary, impact, root_cause, published_at)
SELECT i.id, i.created_by_id,
  CASE WHEN i.status = 'CLOSED' THEN 'PUBLISHED' WHEN random() < 0.3 THEN 'IN_REVIEW' ELSE 'DRAFT' END,
  i.resolved_at + make_interval(days => s.retrospective_due_days),
  'What happened to ' || i.title, 'Users saw ' || lower(i.title), 'A faulty deploy',
  CASE WHEN i.status = 'CLOSED' THEN i.closed_at END
FROM incidents i JOIN severities s ON s.id = i.severity_id
WHERE i.id > ?after AND s.retrospective_required AND i.resolved_at IS NOT NULL`},
	{"follow-ups", `
INSERT INTO action_items (incident_id, retrospective_id, title, owner_id, due_at, priority, status, completed_at, created_by_id, created_at)
SELECT r.incident_id, r.id, 'Follow-up ' || k || ' of ' || i.title, r.owner_id, r.due_at + k * interval '7 days',
  (ARRAY['P1','P2','P3','P4'])[1 + (k % 4)],
  CASE WHEN r.status = 'PUBLISHED' AND random() < 0.8 THEN 'DONE' WHEN random() < 0.2 THEN 'IN_PROGRESS' ELSE 'OPEN' END,
  NULL, r.owner_id, r.created_at
FROM retrospectives r JOIN incidents i ON i.id = r.incident_id, generate_series(1, 1 + (r.id % 3)::int) k
WHERE r.incident_id > ?after;
UPDATE action_items SET completed_at = due_at - interval '1 day' WHERE status = 'DONE' AND completed_at IS NULL AND incident_id > ?after`},
	{"vacuum and statistics", `VACUUM ANALYZE`},
}

// stepArgs fills the steps' named placeholders (?n, ?after, …).
type stepArgs struct {
	N      int   `bun:"n"`
	Years  int   `bun:"years"`
	After  int64 `bun:"after"`
	Offset int64 `bun:"offset"`
}

// Run adds opts.Incidents incidents (and the people and products they need).
func Run(ctx context.Context, db *bun.DB, opts Options, progress func(step string, took time.Duration)) (Result, error) {
	start := time.Now()
	if opts.Years <= 0 {
		opts.Years = 3
	}
	var res Result
	var after int64
	if err := db.NewRaw("SELECT coalesce(max(id), 0) FROM incidents").Scan(ctx, &after); err != nil {
		return res, err
	}
	var offset int64
	if err := db.NewRaw("SELECT coalesce(max(number), 0) FROM incidents").Scan(ctx, &offset); err != nil {
		return res, err
	}
	for _, step := range steps {
		t := time.Now()
		args := stepArgs{N: opts.Incidents, Years: opts.Years, After: after, Offset: offset}
		if _, err := db.NewRaw(step.sql, &args).Exec(ctx); err != nil {
			return res, fmt.Errorf("seed %s: %w", step.name, err)
		}
		if progress != nil {
			progress(step.name, time.Since(t))
		}
	}
	count := func(q string) int {
		var n int
		_ = db.NewRaw(q, after).Scan(ctx, &n)
		return n
	}
	res.Incidents = count("SELECT count(*) FROM incidents WHERE id > ?")
	res.Updates = count("SELECT count(*) FROM incident_updates WHERE incident_id > ?")
	res.Events = count("SELECT count(*) FROM timeline_events WHERE incident_id > ?")
	res.Took = time.Since(start)
	return res, nil
}
