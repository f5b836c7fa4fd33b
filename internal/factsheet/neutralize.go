package factsheet

import (
	"html"
	"regexp"
	"strings"
)

// User text is Markdown and stays Markdown (emphasis, lists, code), but the
// documents are opened in renderers and wikis that users did not choose, so
// nothing in them may run, load or lead anywhere unexpected:
//
//   - raw HTML and autolinks: "<" and "&" are escaped outside code, so no tag,
//     comment or entity (javascript&#58;) survives;
//   - images ("![x](…)", tracking pixels): the "!" is escaped, leaving a link;
//   - links and link reference definitions: a destination with a scheme
//     other than http, https or mailto is replaced by "#".
//
// Code spans and fenced code blocks are copied as they are: renderers show
// their content literally.

// safeSchemes are the link schemes kept.
var safeSchemes = map[string]bool{"http": true, "https": true, "mailto": true}

// referenceDefinition is "[label]: destination" at the start of a line.
var referenceDefinition = regexp.MustCompile(`^( {0,3}\[[^\]]*\]:[ \t]*)(\S+)(.*)$`)

// neutralize makes Markdown from users safe to publish (see above).
func neutralize(md string) string {
	var b strings.Builder
	fence := ""
	for _, line := range strings.SplitAfter(md, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if fence != "" {
			b.WriteString(line)
			if strings.HasPrefix(trimmed, fence) {
				fence = ""
			}
			continue
		}
		if f := fenceOf(trimmed); f != "" && len(line)-len(trimmed) <= 3 {
			fence = f
			b.WriteString(line)
			continue
		}
		if m := referenceDefinition.FindStringSubmatch(strings.TrimRight(line, "\r\n")); m != nil {
			end := line[len(strings.TrimRight(line, "\r\n")):]
			b.WriteString(inline(m[1]) + safeDestination(m[2]) + inline(m[3]) + end)
			continue
		}
		b.WriteString(inline(line))
	}
	return b.String()
}

// fenceOf returns the fence a line opens ("```" or "~~~", as long as
// written), or "".
func fenceOf(line string) string {
	for _, c := range []byte{'`', '~'} {
		n := 0
		for n < len(line) && line[n] == c {
			n++
		}
		if n >= 3 {
			return line[:n]
		}
	}
	return ""
}

// inline neutralises one line outside code blocks.
func inline(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '`':
			// A code span: the same number of backticks closes it.
			n := 1
			for i+n < len(s) && s[i+n] == '`' {
				n++
			}
			if end := closingRun(s, i+n, n); end >= 0 {
				b.WriteString(s[i : end+n])
				i = end + n
				continue
			}
			b.WriteString(s[i : i+n])
			i += n
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
			dest, rest := splitDestination(s[i+2:])
			b.WriteString("](" + safeDestination(dest))
			i = len(s) - len(rest)
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

// closingRun finds the next run of exactly n backticks from i.
func closingRun(s string, i, n int) int {
	for i < len(s) {
		j := strings.IndexByte(s[i:], '`')
		if j < 0 {
			return -1
		}
		start := i + j
		k := start
		for k < len(s) && s[k] == '`' {
			k++
		}
		if k-start == n {
			return start
		}
		i = k
	}
	return -1
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

// safeDestination keeps relative destinations and those with a safe scheme
// and replaces the rest with "#". The scheme is read as a browser would:
// without the whitespace and control characters it ignores, after Markdown
// removed its backslash escapes, case-insensitively.
func safeDestination(dest string) string {
	// Entities are escaped on the way out, so "&#58;" stays text.
	dest = strings.ReplaceAll(dest, "&", "&amp;")
	var cleaned strings.Builder
	for _, r := range html.UnescapeString(dest) {
		if r <= ' ' || r == '\\' || r == 0x7f {
			continue
		}
		cleaned.WriteRune(r)
	}
	d := strings.TrimPrefix(cleaned.String(), "<")
	colon := strings.IndexByte(d, ':')
	if colon < 0 || strings.ContainsAny(d[:colon], "/?#") {
		return dest // relative: no scheme
	}
	if safeSchemes[strings.ToLower(d[:colon])] {
		return dest
	}
	return "#"
}
