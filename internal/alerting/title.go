package alerting

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode"

	"firebreak/internal/apperr"
	"firebreak/models"
)

// A route's title template runs inside the ingest request of whoever holds
// an alert token, on labels that sender chose, so it has a budget: a title
// is straight-line text — no range, no template calls or definitions, only
// the functions below — which makes its steps as few as the template's
// nodes (a 500-character template has at most ~125 actions); printf's
// widths and precisions are at most maxFormatWidth, and the output stops at
// maxTitleOutput bytes. Go's text/template has no step or time limit of its
// own: `{{range 20000000}}{{end}}` took 3.4 s per declaration and a printf
// width 25 s and 2.3 GB. Over any limit, the incident gets the plain
// fallback title; the ingest never fails or slows for it.

// defaultTitle names an incident from its first alert.
const defaultTitle = `{{ .Labels.alertname }}{{ with .Annotations.summary }}{{ if ne . $.Labels.alertname }}: {{ . }}{{ end }}{{ end }}`

const (
	maxFormatWidth = 64
	maxTitleOutput = 1 << 10
)

// titleFuncs are the functions a title may call: the comparisons, logic
// and lookups of text/template, print and a bounded printf, and
// Alertmanager's case and trim functions by their names there.
var titleFuncs = template.FuncMap{
	"printf":    boundedPrintf,
	"toUpper":   strings.ToUpper,
	"toLower":   strings.ToLower,
	"trimSpace": strings.TrimSpace,
}

var titleBuiltins = map[string]bool{
	"and": true, "or": true, "not": true, "eq": true, "ne": true, "lt": true, "le": true, "gt": true, "ge": true,
	"len": true, "index": true, "slice": true, "print": true,
}

// titleTemplate is a checked title template.
type titleTemplate struct{ t *template.Template }

// parseTitle parses and checks a title template; the error is for the
// titleTemplate field.
func parseTitle(text string) (*titleTemplate, error) {
	t, err := template.New("title").Option("missingkey=zero").Funcs(titleFuncs).Parse(text)
	if err != nil {
		return nil, apperr.BadInput("titleTemplate", "not a Go template: %v", err)
	}
	if len(t.Templates()) > 1 {
		return nil, apperr.BadInput("titleTemplate", "a title cannot define templates")
	}
	if err := checkTitleNode(t.Root); err != nil {
		return nil, apperr.BadInput("titleTemplate", "%v", err)
	}
	return &titleTemplate{t: t}, nil
}

var defaultTitleTemplate = mustTitle(defaultTitle)

func mustTitle(text string) *titleTemplate {
	t, err := parseTitle(text)
	if err != nil {
		panic(err)
	}
	return t
}

// checkTitleNode refuses what could make a title loop or call out.
func checkTitleNode(n parse.Node) error {
	switch n := n.(type) {
	case nil, *parse.TextNode, *parse.CommentNode, *parse.FieldNode, *parse.VariableNode, *parse.DotNode,
		*parse.NilNode, *parse.BoolNode, *parse.NumberNode, *parse.StringNode:
		return nil
	case *parse.ListNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Nodes {
			if err := checkTitleNode(c); err != nil {
				return err
			}
		}
		return nil
	case *parse.ActionNode:
		return checkTitleNode(n.Pipe)
	case *parse.IfNode:
		return checkBranch(&n.BranchNode)
	case *parse.WithNode:
		return checkBranch(&n.BranchNode)
	case *parse.PipeNode:
		if n == nil {
			return nil
		}
		for _, c := range n.Cmds {
			for _, arg := range c.Args {
				if err := checkTitleNode(arg); err != nil {
					return err
				}
			}
			if err := checkLiteralFormat(c); err != nil {
				return err
			}
		}
		return nil
	case *parse.ChainNode:
		return checkTitleNode(n.Node)
	case *parse.IdentifierNode:
		if titleBuiltins[n.Ident] || titleFuncs[n.Ident] != nil {
			return nil
		}
		return fmt.Errorf("a title cannot call %s (it may use %s)", n.Ident, titleFunctionNames)
	case *parse.RangeNode:
		return errors.New("a title cannot range: name the labels it shows")
	case *parse.TemplateNode:
		return errors.New("a title cannot call templates")
	}
	return fmt.Errorf("a title cannot use %s", n)
}

// checkLiteralFormat refuses at save what printf would refuse at run,
// when its format is written in the template.
func checkLiteralFormat(c *parse.CommandNode) error {
	if len(c.Args) < 2 {
		return nil
	}
	fn, isIdent := c.Args[0].(*parse.IdentifierNode)
	format, isString := c.Args[1].(*parse.StringNode)
	if !isIdent || fn.Ident != "printf" || !isString {
		return nil
	}
	return checkFormat(format.Text)
}

func checkBranch(b *parse.BranchNode) error {
	for _, n := range []parse.Node{b.Pipe, b.List, b.ElseList} {
		if err := checkTitleNode(n); err != nil {
			return err
		}
	}
	return nil
}

const titleFunctionNames = "and, or, not, eq, ne, lt, le, gt, ge, len, index, slice, print, printf, toUpper, toLower, trimSpace"

// formatWidths finds the widths and precisions of a format's verbs.
var formatWidths = regexp.MustCompile(`%[-+# 0]*(?:\[\d+\])?(\*|\d+)?(?:\.(\*|\d*))?`)

// boundedPrintf is printf with widths and precisions of at most
// maxFormatWidth (fmt's own limit is a million, per verb).
func boundedPrintf(format string, args ...any) (string, error) {
	if err := checkFormat(format); err != nil {
		return "", err
	}
	return fmt.Sprintf(format, args...), nil
}

func checkFormat(format string) error {
	for _, m := range formatWidths.FindAllStringSubmatch(format, -1) {
		for _, n := range m[1:] {
			if n == "*" {
				return errors.New("printf: * widths are not allowed in titles")
			}
			if w, _ := strconv.Atoi(n); w > maxFormatWidth {
				return fmt.Errorf("printf: widths and precisions over %d are not allowed in titles", maxFormatWidth)
			}
		}
	}
	return nil
}

// errTitleTooLong stops a title's output at maxTitleOutput.
var errTitleTooLong = errors.New("title output over budget")

type boundedOutput struct{ strings.Builder }

func (b *boundedOutput) Write(p []byte) (int, error) {
	if b.Len()+len(p) > maxTitleOutput {
		return 0, errTitleTooLong
	}
	return b.Builder.Write(p)
}

// compileTitle checks the route's title template (the default when empty).
func (r *Route) compileTitle() error {
	text := r.TitleTemplate
	if text == "" {
		r.title = defaultTitleTemplate
		return nil
	}
	t, err := parseTitle(text)
	if err != nil {
		return err
	}
	r.title = t
	return nil
}

// titleFor renders the incident title from an alert: one line, without
// control characters (a label's ESC or BEL would reach terminals and
// chat), at most models.MaxTitleLength; the fallback names the alert.
func (r *Route) titleFor(labels, annotations map[string]string) string {
	var out boundedOutput
	err := r.title.t.Execute(&out, map[string]any{"Labels": labels, "Annotations": annotations})
	title := cleanTitle(out.String())
	if err != nil || title == "" {
		title = cleanTitle("Alert: " + labels["alertname"])
	}
	if len([]rune(title)) > models.MaxTitleLength {
		title = string([]rune(title)[:models.MaxTitleLength])
	}
	return title
}

// cleanTitle makes s one line of printable text.
func cleanTitle(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && !unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
