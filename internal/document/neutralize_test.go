package document

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	goldhtml "github.com/yuin/goldmark/renderer/html"

	"firebreak/models"
)

// unsafeMarkdown renders as a careless wiki would: raw HTML and every link
// passed through. Whatever it shows of neutralised text is what any
// renderer could show.
var unsafeMarkdown = goldmark.New(goldmark.WithRendererOptions(goldhtml.WithUnsafe()))

var (
	tagPattern  = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)`)
	hrefPattern = regexp.MustCompile(`href="([^"]*)"`)
	// The tags CommonMark itself produces.
	markdownTags = map[string]bool{"p": true, "em": true, "strong": true, "a": true, "code": true, "pre": true,
		"ul": true, "ol": true, "li": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
		"blockquote": true, "hr": true, "br": true}
)

// checkRendered fails unless the HTML of md has only Markdown's own tags,
// no images, and links that are relative or http, https or mailto.
func checkRendered(t *testing.T, md string) {
	t.Helper()
	var out bytes.Buffer
	if err := unsafeMarkdown.Convert([]byte(md), &out); err != nil {
		t.Fatal(err)
	}
	rendered := out.String()
	for _, m := range tagPattern.FindAllStringSubmatch(rendered, -1) {
		if !markdownTags[strings.ToLower(m[1])] {
			t.Fatalf("tag <%s> in\n%s\nfrom\n%q", m[1], rendered, md)
		}
	}
	for _, m := range hrefPattern.FindAllStringSubmatch(rendered, -1) {
		if safeDestination(html.UnescapeString(m[1])) == "#" && m[1] != "#" {
			t.Fatalf("link to %q in\n%s\nfrom\n%q", m[1], rendered, md)
		}
	}
}

var hostileMarkdown = []string{
	"[x](javascript:alert(1))",
	"[x](JaVaScRiPt:alert(1))",
	"[x]( java\tscript:alert(1) )",
	"[x](javascript&#58;alert(1))",
	`[x](javascript\:alert(1))`,
	"[x](<javascript:alert(1)>)",
	"[x][r]\n\n[r]: javascript:alert(1)",
	"<script>alert(1)</script>",
	"<img src=https://tracker.example/p.gif>",
	"![pixel](https://tracker.example/p.gif)",
	"<javascript:alert(1)>",
	"<!-- hidden -->",
	"`<script>` in code is fine",
	"```\n<script>fenced</script>\n```",
	"- x\n  ```\n<script>after the list</script>",
	"[x](a`b) <script> `",
	"[x](http://a \"t`\") <script> `",
	"[ok](https://example.com/runbook) and [rel](/incidents/1)",
	"data: [x](data:text/html;base64,PHNjcmlwdD4=)",
	"[x](vbscript:msgbox)",
}

func TestNeutralizedMarkdownRendersNothingActive(t *testing.T) {
	for _, md := range hostileMarkdown {
		checkRendered(t, neutralize(md))
	}
	// Safe links and formatting survive.
	out := neutralize("**Mitigated**: see [the runbook](https://example.com/runbook) and [INC-4](/incidents/4).")
	if out != "**Mitigated**: see [the runbook](https://example.com/runbook) and [INC-4](/incidents/4)." {
		t.Errorf("safe Markdown changed: %q", out)
	}
}

func TestFactSheetNeutralizesEveryUserField(t *testing.T) {
	evil := "[x](javascript:alert(1)) <script>x</script> ![p](https://t.example/p.gif)"
	inc := models.Incident{Number: 7, Title: evil, Summary: evil, Status: models.StatusInvestigating}
	sheet := Render(FactSheet{Incident: inc, CreatedBy: evil,
		Updates: []Update{{IncidentUpdate: models.IncidentUpdate{Body: evil}, Author: evil}},
		Events:  []Event{{TimelineEvent: models.TimelineEvent{Message: evil}, Actor: evil}},
	})
	checkRendered(t, sheet)
	if strings.Contains(sheet, "<script") || strings.Contains(sheet, "javascript:") {
		t.Errorf("fact sheet:\n%s", sheet)
	}
}

// FuzzNeutralize: whatever users write, the rendered document has no active
// content. make fuzz runs it for a bounded time in CI.
func FuzzNeutralize(f *testing.F) {
	for _, md := range hostileMarkdown {
		f.Add(md)
	}
	f.Fuzz(func(t *testing.T, md string) {
		checkRendered(t, neutralize(md))
		checkRendered(t, escape(md))
		checkRendered(t, "| a |\n|---|\n| "+cell(md)+" |\n")
	})
}
