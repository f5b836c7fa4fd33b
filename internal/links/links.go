// Package links makes the public URLs Firebreak's messages point at — the
// fact sheet, the status page and an incident's page on it, the severity
// definitions — from the bases an operator sets (FIREBREAK_PUBLIC_URL, and
// the status page's own host when it has one), so that Slack, webhooks,
// mail and documents all link alike.
package links

import (
	"fmt"
	"strings"
)

// Links builds the URLs a message points at.
type Links struct {
	// BaseURL is where users reach Firebreak, e.g. https://firebreak.example.com.
	BaseURL string
	// StatusPageURL is the public status page, e.g. https://status.example.com
	// on a host of its own; "": BaseURL + /status.
	StatusPageURL string
}

// FactSheet is an incident's page in the console, where people open the
// fact sheet (previous updates, etc.) after signing in.
func (l Links) FactSheet(number int64) string {
	return fmt.Sprintf("%s/incidents/%d", l.base(), number)
}

// FactSheetDocument is an incident's fact sheet as Markdown.
func (l Links) FactSheetDocument(number int64) string {
	return fmt.Sprintf("%s/incidents/%d/factsheet.md", l.base(), number)
}

// SignInLink is a one-time sign-in link's URL: the token rides in the
// fragment, which browsers never send to a server (no access log holds it)
// and chat unfurlers never see.
func (l Links) SignInLink(token string) string { return l.base() + "/signin/link#" + token }

// OIDCCallback is where the identity provider sends the browser back.
func (l Links) OIDCCallback() string { return l.base() + "/auth/oidc/callback" }

func (l Links) base() string { return strings.TrimRight(l.BaseURL, "/") }

// StatusPageHome is the public status page.
func (l Links) StatusPageHome() string {
	if l.StatusPageURL != "" {
		return strings.TrimRight(l.StatusPageURL, "/")
	}
	return l.base() + "/status"
}

// StatusPage is a published incident's page on the public status page.
func (l Links) StatusPage(handle string) string { return l.StatusPageHome() + "/incidents/" + handle }

// Severity is a severity's definition ("what's this?") in the console.
func (l Links) Severity(name string) string {
	return fmt.Sprintf("%s/severities#%s", l.base(), strings.ToLower(name))
}
