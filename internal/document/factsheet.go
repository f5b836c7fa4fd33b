// Package document renders an incident's documents as Markdown: the fact
// sheet — everything known about it, the bot message's lines first (DESIGN
// §1), then roles, updates and the timeline — and the retrospective.
// Rendering is pure; the incident service gathers the data.
package document

import (
	"fmt"
	"strings"
	"time"

	"firebreak/models"
)

// Role is a current role holder.
type Role struct {
	Role models.IncidentRole
	Name string
}

// Update is a status update with its author's name.
type Update struct {
	models.IncidentUpdate
	Author   string
	Severity string
}

// Event is a timeline entry with its actor's name ("" for the system).
type Event struct {
	models.TimelineEvent
	Actor string
}

// FactSheet is the data a fact sheet shows.
type FactSheet struct {
	Incident  models.Incident
	Severity  models.Severity
	Products  []string
	CreatedBy string
	Roles     []Role
	// Updates are newest first.
	Updates []Update
	// Events are in timeline order.
	Events []Event
	// StatusPage is its public page, once published.
	StatusPage string
}

const timeFormat = "2006-01-02 15:04 MST"

func ts(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return t.UTC().Format(timeFormat)
}

// Render returns the fact sheet as Markdown.
func Render(f FactSheet) string {
	var b strings.Builder
	inc := f.Incident
	fmt.Fprintf(&b, "# INC-%d: %s\n\n", inc.Number, escape(inc.Title))

	latest := "No updates yet."
	if len(f.Updates) > 0 {
		latest = inline(oneLine(f.Updates[0].Body))
	}
	products := "None recorded"
	if len(f.Products) > 0 {
		products = strings.Join(f.Products, ", ")
	}
	fmt.Fprintf(&b, "- **Issue:** %s\n", escape(inc.Title))
	fmt.Fprintf(&b, "- **Latest Update:** %s\n", latest)
	fmt.Fprintf(&b, "- **Status:** %s\n", title(string(inc.Status)))
	fmt.Fprintf(&b, "- **Severity:** %s (%s)\n", f.Severity.Name, f.Severity.Description)
	fmt.Fprintf(&b, "- **Affected products:** %s\n", escape(products))
	fmt.Fprintf(&b, "- **Response channel:** %s\n", inc.ResponseChannel())
	if f.StatusPage != "" {
		fmt.Fprintf(&b, "- **Status page:** [%s](%s)\n", escape(inc.PublicName()), f.StatusPage)
	}
	if inc.Visibility == models.VisibilityPrivate {
		b.WriteString("- **Visibility:** Private\n")
	}
	if inc.Summary != "" {
		fmt.Fprintf(&b, "\n## Summary\n\n%s\n", neutralize(inc.Summary))
	}

	b.WriteString("\n## Roles\n\n")
	if len(f.Roles) == 0 {
		b.WriteString("Nobody holds a role.\n")
	}
	for _, r := range f.Roles {
		fmt.Fprintf(&b, "- **%s:** %s\n", title(string(r.Role)), escape(r.Name))
	}

	b.WriteString("\n## Key times\n\n")
	fmt.Fprintf(&b, "| Detected | Declared | Acknowledged | Mitigated | Resolved | Closed |\n|---|---|---|---|---|---|\n")
	fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n",
		ts(&inc.DetectedAt), ts(&inc.DeclaredAt), ts(inc.AcknowledgedAt), ts(inc.MitigatedAt), ts(inc.ResolvedAt), ts(inc.ClosedAt))
	fmt.Fprintf(&b, "\nDeclared by %s.\n", escape(f.CreatedBy))

	fmt.Fprintf(&b, "\n## Updates (%d)\n", len(f.Updates))
	for _, u := range f.Updates {
		var changes []string
		if u.Status != nil {
			changes = append(changes, "status → "+title(string(*u.Status)))
		}
		if u.Severity != "" {
			changes = append(changes, "severity → "+u.Severity)
		}
		suffix := ""
		if len(changes) > 0 {
			suffix = " (" + strings.Join(changes, ", ") + ")"
		}
		fmt.Fprintf(&b, "\n### %s — %s%s\n\n%s\n", u.CreatedAt.UTC().Format(timeFormat), escape(u.Author), suffix, neutralize(u.Body))
	}

	fmt.Fprintf(&b, "\n## Timeline\n\n| # | When | Who | What |\n|---|---|---|---|\n")
	for _, e := range f.Events {
		who := e.Actor
		if who == "" {
			who = "Firebreak"
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", e.Sequence, e.OccurredAt.UTC().Format(timeFormat), cell(who), cell(e.Message))
	}
	return b.String()
}

// title turns an enum into words: MONITORING → Monitoring.
func title(s string) string {
	if s == "" {
		return s
	}
	return s[:1] + strings.ToLower(s[1:])
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// escape keeps user text from turning into Markdown structure (or links,
// HTML and images) in one-line positions.
func escape(s string) string {
	return inline(strings.NewReplacer("\n", " ", "|", `\|`, "*", `\*`, "_", `\_`, "#", `\#`, "[", `\[`).Replace(s))
}

// cell makes text safe inside a table cell.
func cell(s string) string { return strings.ReplaceAll(inline(oneLine(s)), "|", `\|`) }
