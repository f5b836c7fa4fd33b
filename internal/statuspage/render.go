package statuspage

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/gorilla/feeds"
)

// render turns a state into every public document.
func (p *Page) render(st *state) (*snapshot, error) {
	s := &snapshot{built: p.now(), updatedAt: st.page.UpdatedAt.Time, docs: map[string]*resource{}}
	incidents := st.incidents
	if len(incidents) > 50 {
		incidents = incidents[:50]
	}
	windows := st.windows
	if len(windows) > 50 {
		windows = windows[:50]
	}
	docs := map[string]any{
		"summary.json":                Summary{Page: st.page, Components: st.components, Incidents: st.unresolved, ScheduledMaintenances: st.openWindows, Status: st.status},
		"status.json":                 map[string]any{"page": st.page, "status": st.status},
		"components.json":             map[string]any{"page": st.page, "components": st.components},
		"incidents.json":              map[string]any{"page": st.page, "incidents": incidents},
		"incidents/unresolved.json":   map[string]any{"page": st.page, "incidents": st.unresolved},
		"scheduled-maintenances.json": map[string]any{"page": st.page, "scheduled_maintenances": windows},
		// Statuspage's two views of the windows: not started yet, and
		// under way (in progress or verifying).
		"scheduled-maintenances/upcoming.json": map[string]any{"page": st.page, "scheduled_maintenances": windowsIn(st.windows, "scheduled")},
		"scheduled-maintenances/active.json":   map[string]any{"page": st.page, "scheduled_maintenances": windowsIn(st.windows, "in_progress", "verifying")},
	}
	for name, doc := range docs {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(doc); err != nil {
			return nil, err
		}
		s.docs[name] = newResource(buf.Bytes(), "application/json")
	}
	var html bytes.Buffer
	if err := pageTemplate.Execute(&html, p.view(st, nil)); err != nil {
		return nil, err
	}
	s.docs["index.html"] = newResource(bytes.Clone(html.Bytes()), "text/html; charset=utf-8") // the buffer is reused below
	for _, inc := range st.incidents {
		html.Reset()
		if err := pageTemplate.Execute(&html, p.view(st, st.byID[inc.ID])); err != nil {
			return nil, err
		}
		s.docs["incidents/"+inc.ID] = newResource(bytes.Clone(html.Bytes()), "text/html; charset=utf-8")
	}
	atom, err := p.feed(st)
	if err != nil {
		return nil, err
	}
	s.docs["feed.atom"] = newResource(atom, "application/atom+xml; charset=utf-8")
	s.docs["badge.svg"] = newResource(badge(st.status), "image/svg+xml")
	return s, nil
}

// windowsIn are the windows in one of these statuses, never null.
func windowsIn(all []ScheduledMaintenance, statuses ...string) []ScheduledMaintenance {
	out := []ScheduledMaintenance{}
	for _, w := range all {
		if slices.Contains(statuses, w.Status) {
			out = append(out, w)
		}
	}
	return out
}

// feed is the Atom feed (gorilla/feeds): an entry per public update of the
// published incidents, newest first.
func (p *Page) feed(st *state) ([]byte, error) {
	f := &feeds.Feed{
		Title: p.cfg.Name, Link: &feeds.Link{Href: p.cfg.URL}, Id: p.cfg.URL,
		Description: "Incidents and their updates", Updated: st.page.UpdatedAt.Time,
	}
	for _, inc := range st.incidents {
		for _, u := range inc.IncidentUpdates {
			f.Items = append(f.Items, &feeds.Item{
				Id: p.cfg.URL + "/incidents/" + inc.ID + "#" + u.ID, Title: fmt.Sprintf("%s — %s", inc.Name, label(u.Status)),
				Link: &feeds.Link{Href: p.cfg.URL + "/incidents/" + inc.ID}, Description: u.Body,
				Created: u.CreatedAt.Time, Updated: u.UpdatedAt.Time,
			})
		}
	}
	if len(f.Items) > 100 {
		f.Items = f.Items[:100]
	}
	doc := atomDocument{AtomFeed: (&feeds.Atom{Feed: f}).AtomFeed(), Self: feeds.AtomLink{Href: p.cfg.URL + "/feed.atom", Rel: "self", Type: "application/atom+xml"}}
	// RFC 4287: a feed has an author unless every entry has one; updates
	// are plain text (Markdown as written), not HTML — gorilla/feeds
	// marks descriptions html, which made a body's "<script>" markup in
	// feed readers although the page shows it as text.
	doc.Author = &feeds.AtomAuthor{AtomPerson: feeds.AtomPerson{Name: p.cfg.Name, Uri: p.cfg.URL}}
	for _, e := range doc.Entries {
		if e.Summary != nil {
			e.Content, e.Summary = &feeds.AtomContent{Content: e.Summary.Content, Type: "text"}, nil
		}
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	return append([]byte(xml.Header), out...), err
}

// atomDocument is gorilla/feeds' Atom feed with the link to itself that
// RFC 4287 asks of a feed (gorilla/feeds writes one link only).
type atomDocument struct {
	*feeds.AtomFeed
	Self feeds.AtomLink
}

// badgeColors are the rollup's colours, Statuspage's.
var badgeColors = map[string]string{"none": "#2e7d32", "minor": "#b26a00", "major": "#d84315", "critical": "#c62828"}

// badge is a small SVG with the rollup, for READMEs and dashboards.
func badge(s Status) []byte {
	text := s.Description
	width := 60 + 7*len(text)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="20" role="img" aria-label="status: %s">`, width, text)
	fmt.Fprintf(&b, `<title>status: %s</title><rect width="50" height="20" fill="#555"/><rect x="50" width="%d" height="20" fill="%s"/>`, text, width-50, badgeColors[s.Indicator])
	fmt.Fprintf(&b, `<g fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11"><text x="8" y="14">status</text><text x="58" y="14">%s</text></g></svg>`, text)
	return b.Bytes()
}

// label is a v2 status as people read it.
func label(s string) string {
	switch s {
	case "degraded_performance":
		return "Degraded performance"
	case "partial_outage":
		return "Partial outage"
	case "major_outage":
		return "Major outage"
	case "under_maintenance":
		return "Under maintenance"
	case "in_progress":
		return "In progress"
	}
	if s == "" {
		return ""
	}
	return string(s[0]-32) + s[1:]
}

// pageView is what the HTML template shows.
type pageView struct {
	Name, URL, Updated string
	JSONURL            string
	Status             Status
	Components         []Component
	Active             []Incident
	// Subscribe shows the e-mail subscription form.
	Subscribe   bool
	Maintenance []ScheduledMaintenance
	History     []Incident
	// Incident is the one incident a detail page shows.
	Incident *Incident
}

func (p *Page) view(st *state, one *Incident) pageView {
	v := pageView{Name: p.cfg.Name, URL: p.cfg.URL, JSONURL: strings.TrimSuffix(p.cfg.URL, "/status") + "/api/v2/summary.json", Updated: st.page.UpdatedAt.UTC().Format(time.RFC1123), Status: st.status,
		Components: st.components, Active: st.unresolved, Maintenance: st.openWindows, Incident: one, Subscribe: p.subscribers != nil}
	for _, inc := range st.incidents {
		if inc.Status == "resolved" {
			v.History = append(v.History, inc)
		}
	}
	return v
}
