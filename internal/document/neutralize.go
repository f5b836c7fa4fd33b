package document

import (
	"html"
	"regexp"
	"strings"
)

// User text is Markdown and stays Markdown (emphasis, lists, headings), but
// the documents are opened in renderers and wikis that users did not choose,
// so nothing in them may run, load or lead anywhere unexpected:
//
//   - raw HTML and autolinks: every "<" and "&" is escaped, so no tag,
//     comment or entity (javascript&#58;) survives;
//   - images ("![x](…)", tracking pixels): the "!" is escaped, leaving a link;
//   - links and link reference definitions: a destination with a scheme
//     other than http, https or mailto is replaced by "#".
//
// Code spans and blocks are escaped too. Renderers show "&lt;" there
// literally, which is the price of not having to agree with every renderer
// on where code starts and ends: a scanner that copied "code" through would
// copy "<script>" through wherever it and the renderer disagree (a backtick
// in a link title, a fence inside a list item), as the fuzz test found.

// safeSchemes are the link schemes kept.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true}

// referenceDefinition is "[label]: destination" at the start of a line.
var referenceDefinition = regexp.MustCompile(`^( {0,3}\[[^\]]*\]:[ \t]*)(\S+)(.*)$`)

// neutralize makes Markdown from users safe to publish (see above).
func neutralize(md string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(md, "\n") {
		body := strings.TrimRight(line, "\r\n")
		if m := referenceDefinition.FindStringSubmatch(body); m != nil {
			dest := "#"
			if safeDestination(m[2]) != "#" {
				dest = inline(m[2])
			}
			b.WriteString(inline(m[1]) + dest + inline(m[3]) + line[len(body):])
			continue
		}
		b.WriteString(inline(line))
	}
	return b.String()
}

// inline neutralises one line.
func inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			b.WriteString(s[i : i+2]) // an escaped character stays escaped
			i += 2
		case c == '<':
			b.WriteString("&lt;")
			i++
		case c == '&':
			b.WriteString("&amp;")
			i++
		case c == '!' && i+1 < len(s) && s[i+1] == '[':
			b.WriteString(`\!`)
			i++
		case c == ']' && i+1 < len(s) && s[i+1] == '(':
			// An unsafe destination is dropped; a safe one is scanned
			// like the rest of the line (it may not really be a link).
			b.WriteString("](")
			i += 2
			if dest, rest := splitDestination(s[i:]); safeDestination(dest) == "#" {
				b.WriteString("#")
				i = len(s) - len(rest)
			}
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// splitDestination separates a link destination (after "](") from the
// rest of the line, leading spaces included in the destination.
func splitDestination(s string) (dest, rest string) {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	depth := 0
	for i < len(s) {
		switch s[i] {
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return s[:i], s[i:]
			}
			depth--
		case ' ', '\t', '\n', '\r':
			return s[:i], s[i:]
		}
		i++
	}
	return s, ""
}

// isScheme reports whether s is a URL scheme as browsers parse one
// (WHATWG URL): an ASCII letter, then letters, digits, "+", "-" or ".".
// Anything else before the first colon makes the URL relative.
func isScheme(s string) bool {
	for i, r := range s {
		letter := (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z')
		if !letter && (i == 0 || !(r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return false
		}
	}
	return s != ""
}

// safeDestination keeps relative destinations and those with a safe scheme
// and replaces the rest with "#" (the caller escapes what it keeps). The scheme is read as a browser would:
// without the whitespace and control characters it ignores, after Markdown
// removed its backslash escapes, case-insensitively.
func safeDestination(dest string) string {
	var cleaned strings.Builder
	for _, r := range html.UnescapeString(dest) {
		if r <= ' ' || r == '\\' {
			continue
		}
		cleaned.WriteRune(r)
	}
	d := strings.TrimPrefix(cleaned.String(), "<")
	colon := strings.IndexByte(d, ':')
	if colon < 0 || !isScheme(d[:colon]) {
		return dest // relative: a browser reads no scheme here
	}
	if safeSchemes[strings.ToLower(d[:colon])] {
		return dest
	}
	return "#"
}
