package catalog

import (
	"fmt"

	"firebreak/models"
)

// A public product is a component of the status page: marked public and
// not archived. Like incident.IsPublic, the rule has a Go and a SQL form,
// and public_test.go fails when they disagree.

// IsPublicProduct reports whether p is a component of the status page.
func IsPublicProduct(p *models.Product) bool {
	return p.Public && p.ArchivedAt == nil
}

// PublicProductSQL is IsPublicProduct as a condition on the products
// table aliased alias ("" for none).
func PublicProductSQL(alias string) string {
	if alias != "" {
		alias += "."
	}
	return fmt.Sprintf("(%[1]spublic AND %[1]sarchived_at IS NULL)", alias)
}
