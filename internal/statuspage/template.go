package statuspage

import (
	"html/template"
	"time"
)

var pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
	"label": label,
	"when":  func(t any) string { return timeOf(t).Format("Jan 2, 15:04 MST") },
	"iso":   func(t any) string { return timeOf(t).Format(time.RFC3339) },
}).Parse(`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{if .Incident}}{{.Incident.Name}} · {{end}}{{.Name}}</title>
<link rel="alternate" type="application/atom+xml" title="{{.Name}}" href="{{.URL}}/feed.atom">
<style>
:root{--ok:#2e7d32;--minor:#8a5300;--major:#bf360c;--critical:#b71c1c;--maint:#1565c0;--ink:#1b1b1b;--muted:#555;--line:#ddd}
*{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:#fafafa}
main{max-width:46rem;margin:0 auto;padding:1rem}h1{font-size:1.5rem;margin:.5rem 0 1rem}h2{font-size:1.15rem;margin:2rem 0 .5rem}
a{color:#0b57d0}.banner{padding:1rem;border-radius:.5rem;color:#fff;font-weight:600;font-size:1.1rem}
.none{background:var(--ok)}.minor{background:var(--minor)}.major{background:var(--major)}.critical{background:var(--critical)}
ul{list-style:none;padding:0;margin:0}.components li{display:flex;justify-content:space-between;gap:1rem;padding:.75rem 1rem;background:#fff;border:1px solid var(--line);border-top:0}
.components li:first-child{border-top:1px solid var(--line);border-radius:.5rem .5rem 0 0}.components li:last-child{border-radius:0 0 .5rem .5rem}
.components .member{padding-left:2rem}.st{font-weight:600;white-space:nowrap}.st-operational{color:var(--ok)}.st-degraded_performance{color:var(--minor)}
.st-partial_outage{color:var(--major)}.st-major_outage{color:var(--critical)}.st-under_maintenance{color:var(--maint)}
article{background:#fff;border:1px solid var(--line);border-radius:.5rem;padding:1rem;margin:.75rem 0}article h3{margin:0 0 .5rem;font-size:1.05rem}
.update{border-left:3px solid var(--line);padding-left:.75rem;margin:.75rem 0}.update p{margin:.25rem 0;white-space:pre-wrap;overflow-wrap:anywhere}
.meta,footer{color:var(--muted);font-size:.875rem}footer{margin:2rem 0}
</style>
</head>
<body>
<main>
<header><h1>{{if .Incident}}<a href="{{.URL}}">{{.Name}}</a>{{else}}{{.Name}}{{end}}</h1></header>
{{if .Incident}}{{with .Incident}}
<article aria-labelledby="incident-title">
<h2 id="incident-title">{{.Name}}</h2>
<p class="meta">Impact: {{.Impact}} · {{label .Status}}{{if .Components}} · Affects {{range $i, $c := .Components}}{{if $i}}, {{end}}{{$c.Name}}{{end}}{{end}}</p>
{{range .IncidentUpdates}}<section class="update"><p><strong>{{label .Status}}</strong> — {{.Body}}</p><p class="meta"><time datetime="{{iso .CreatedAt}}">{{when .CreatedAt}}</time></p></section>
{{else}}<p>No public updates yet.</p>{{end}}
</article>
{{end}}{{else}}
<p class="banner {{.Status.Indicator}}" role="status">{{.Status.Description}}</p>
{{if .Active}}<h2>Active incidents</h2>
{{range .Active}}<article aria-labelledby="i-{{.ID}}"><h3 id="i-{{.ID}}"><a href="{{$.URL}}/incidents/{{.ID}}">{{.Name}}</a></h3>
<p class="meta">Impact: {{.Impact}} · {{label .Status}}</p>
{{range .IncidentUpdates}}<div class="update"><p><strong>{{label .Status}}</strong> — {{.Body}}</p><p class="meta"><time datetime="{{iso .CreatedAt}}">{{when .CreatedAt}}</time></p></div>{{end}}
</article>{{end}}{{end}}
{{if .Maintenance}}<h2>Scheduled maintenance</h2>
{{range .Maintenance}}<article id="{{.ID}}" aria-labelledby="m-{{.ID}}"><h3 id="m-{{.ID}}">{{.Name}}</h3>
<p class="meta">{{label .Status}} · <time datetime="{{iso .ScheduledFor}}">{{when .ScheduledFor}}</time> – <time datetime="{{iso .ScheduledUntil}}">{{when .ScheduledUntil}}</time>{{if .Components}} · Affects {{range $i, $c := .Components}}{{if $i}}, {{end}}{{$c.Name}}{{end}}{{end}}</p>
{{range .IncidentUpdates}}<div class="update"><p><strong>{{label .Status}}</strong> — {{.Body}}</p><p class="meta"><time datetime="{{iso .CreatedAt}}">{{when .CreatedAt}}</time></p></div>{{end}}
</article>{{end}}{{end}}
<h2>Components</h2>
<ul class="components">
{{range .Components}}<li{{if .GroupID}} class="member"{{end}}><span>{{.Name}}</span><span class="st st-{{.Status}}">{{label .Status}}</span></li>
{{else}}<li>No components yet.</li>{{end}}
</ul>
{{if .Subscribe}}<h2>Get updates by e-mail</h2>
<form method="post" action="{{.URL}}/subscribe">
<p><label for="email">E-mail address</label><br><input id="email" name="email" type="email" required autocomplete="email" style="font:inherit;padding:.4rem;width:100%;max-width:22rem"></p>
<fieldset style="border:0;padding:0;margin:0 0 .75rem"><legend>Only for (none: everything)</legend>
{{range .Components}}{{if not .Group}}<label style="display:inline-block;margin-right:1rem"><input type="checkbox" name="component" value="{{.ID}}"> {{.Name}}</label>{{end}}{{end}}
</fieldset>
<button type="submit" style="font:inherit;padding:.4rem 1rem">Subscribe</button>
</form>{{end}}
<h2>Past incidents (90 days)</h2>
{{range .History}}<article aria-labelledby="h-{{.ID}}"><h3 id="h-{{.ID}}"><a href="{{$.URL}}/incidents/{{.ID}}">{{.Name}}</a></h3>
<p class="meta">Resolved{{if .ResolvedAt}} <time datetime="{{iso .ResolvedAt}}">{{when .ResolvedAt}}</time>{{end}} · Impact: {{.Impact}}</p></article>
{{else}}<p>No incidents in the last 90 days.</p>{{end}}
{{end}}
<footer>Updated {{.Updated}} · <a href="{{.URL}}/feed.atom">Atom feed</a> · <a href="{{.JSONURL}}">JSON</a></footer>
</main>
</body>
</html>
`))

// timeOf reads a Time or *Time in UTC.
func timeOf(v any) time.Time {
	switch t := v.(type) {
	case Time:
		return t.UTC()
	case *Time:
		if t != nil {
			return t.UTC()
		}
	}
	return time.Time{}
}
