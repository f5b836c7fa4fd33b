package document

import (
	"fmt"
	"strings"
	"time"

	"firebreak/models"
)

// Factor is a contributing factor with its category's name.
type Factor struct {
	Category, Description string
}

// FollowUp is an action item with its owner's name.
type FollowUp struct {
	models.ActionItem
	Owner string
}

// RetrospectiveDoc is the data a retrospective document shows.
type RetrospectiveDoc struct {
	Incident      models.Incident
	Severity      models.Severity
	Products      []string
	Retrospective models.Retrospective
	Owner         string
	Factors       []Factor
	// Events are the incident's timeline, in order.
	Events    []Event
	FollowUps []FollowUp
}

// RenderRetrospective returns the retrospective as a complete Markdown
// document, ready to paste into a wiki.
func RenderRetrospective(d RetrospectiveDoc) string {
	var b strings.Builder
	inc, r := d.Incident, d.Retrospective
	fmt.Fprintf(&b, "# Retrospective: INC-%d %s\n\n", inc.Number, escape(inc.Title))
	products := "None recorded"
	if len(d.Products) > 0 {
		products = strings.Join(d.Products, ", ")
	}
	fmt.Fprintf(&b, "- **Incident:** INC-%d, %s, %s\n", inc.Number, d.Severity.Name, title(string(inc.Status)))
	fmt.Fprintf(&b, "- **Affected products:** %s\n", escape(products))
	fmt.Fprintf(&b, "- **Retrospective:** %s, owned by %s, due %s", title(strings.ReplaceAll(string(r.Status), "_", " ")), escape(d.Owner), day(r.DueAt))
	if r.PublishedAt != nil {
		fmt.Fprintf(&b, ", published %s", day(r.PublishedAt))
	}
	b.WriteString("\n")
	if inc.ResolvedAt != nil {
		fmt.Fprintf(&b, "- **Time to resolve:** %s (detected %s, resolved %s)\n",
			hoursMinutes(inc.ResolvedAt.Sub(inc.DetectedAt)), ts(&inc.DetectedAt), ts(inc.ResolvedAt))
	}

	section := func(heading, text string) {
		fmt.Fprintf(&b, "\n## %s\n\n", heading)
		if strings.TrimSpace(text) == "" {
			b.WriteString("_Not written yet._\n")
			return
		}
		b.WriteString(neutralize(strings.TrimSpace(text)) + "\n")
	}
	section("Summary", r.Summary)
	section("Impact", r.Impact)

	b.WriteString("\n## Timeline\n\n| When | Who | What |\n|---|---|---|\n")
	for _, e := range d.Events {
		who := e.Actor
		if who == "" {
			who = "Firebreak"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", e.OccurredAt.UTC().Format(timeFormat), cell(who), cell(e.Message))
	}

	section("Root cause", r.RootCause)
	b.WriteString("\n## Contributing factors\n\n")
	if len(d.Factors) == 0 {
		b.WriteString("_None recorded._\n")
	}
	for _, f := range d.Factors {
		fmt.Fprintf(&b, "- **%s:** %s\n", escape(f.Category), inline(oneLine(f.Description)))
	}
	section("What went well", r.WhatWentWell)
	section("What went poorly", r.WhatWentPoorly)
	section("Lessons learned", r.LessonsLearned)

	b.WriteString("\n## Follow-ups\n\n")
	if len(d.FollowUps) == 0 {
		b.WriteString("_None yet._\n")
		return b.String()
	}
	b.WriteString("| Priority | Follow-up | Owner | Due | Status | Ticket |\n|---|---|---|---|---|---|\n")
	for _, f := range d.FollowUps {
		owner, ticket := f.Owner, ""
		if owner == "" {
			owner = "—"
		}
		if f.ExternalURL != nil {
			ticket = *f.ExternalURL
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", f.Priority, cell(f.Title), cell(owner), day(f.DueAt),
			title(strings.ReplaceAll(string(f.Status), "_", " ")), cell(ticket))
	}
	return b.String()
}

func day(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return t.UTC().Format("2006-01-02")
}

// hoursMinutes writes a duration as people do: "1 h 15 min", "3 days 2 h".
func hoursMinutes(d time.Duration) string {
	d = d.Round(time.Minute)
	days, hours, minutes := int(d/(24*time.Hour)), int(d%(24*time.Hour)/time.Hour), int(d%time.Hour/time.Minute)
	var parts []string
	if days > 0 {
		parts = append(parts, fmt.Sprintf("%d days", days))
	}
	if hours > 0 {
		parts = append(parts, fmt.Sprintf("%d h", hours))
	}
	if minutes > 0 || len(parts) == 0 {
		parts = append(parts, fmt.Sprintf("%d min", minutes))
	}
	return strings.Join(parts, " ")
}
