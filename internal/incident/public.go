package incident

import (
	"fmt"

	"firebreak/models"
)

// What the public sees of an incident is decided here, once, for every
// path that reaches outside: the status page, its subscribers' mail,
// status webhooks and the relay's public changes. An incident is public
// when a responder published it and it is PUBLIC (a private incident can
// never be published, and one made private after publication is hidden
// again). The rule has two forms — IsPublic in Go and PublicSQL for
// queries — and public_test.go fails when they disagree, on fixtures of
// every combination.

// IsPublic reports whether the public may see inc.
func IsPublic(inc *models.Incident) bool {
	return inc.PublishedAt != nil && inc.Visibility == models.VisibilityPublic
}

// PublicSQL is IsPublic as a condition on the incidents table aliased
// alias (e.g. "i").
func PublicSQL(alias string) string {
	return fmt.Sprintf("(%[1]s.published_at IS NOT NULL AND %[1]s.visibility = '%[2]s')", alias, models.VisibilityPublic)
}
