package signin

import (
	"testing"

	"firebreak/models"
)

func TestParseRoles(t *testing.T) {
	roles, err := ParseRoles(" sre=responder, firebreak-admins=ADMIN ,")
	if err != nil || len(roles) != 2 || roles["sre"] != models.RoleResponder || roles["firebreak-admins"] != models.RoleAdmin {
		t.Fatalf("ParseRoles: %v %v", roles, err)
	}
	for _, bad := range []string{"sre", "sre=OWNER", "=ADMIN"} {
		if _, err := ParseRoles(bad); err == nil {
			t.Errorf("ParseRoles(%q) accepted", bad)
		}
	}
}

// Groups come as one string or a list, at the top or inside an object
// (Keycloak's realm_access.roles); the highest mapped role wins.
func TestIdentityMapsTheHighestGroup(t *testing.T) {
	v := &Verifier{cfg: Config{DefaultRole: models.RoleViewer, RoleClaim: "realm_access.roles",
		Roles: map[string]models.UserRole{"sre": models.RoleResponder, "boss": models.RoleAdmin}}}
	claims := map[string]any{"email": "a@example.test", "realm_access": map[string]any{"roles": []any{"sre", "boss", 7}}}
	in, err := v.identity(claims)
	if err != nil || in.Role == nil || *in.Role != models.RoleAdmin || in.DefaultRole != models.RoleViewer {
		t.Fatalf("identity: %+v %v", in, err)
	}
	v.cfg.RoleClaim = "group"
	in, _ = v.identity(map[string]any{"email": "a@example.test", "group": "sre"})
	if in.Role == nil || *in.Role != models.RoleResponder {
		t.Fatalf("a single group: %+v", in)
	}
	in, _ = v.identity(map[string]any{"email": "a@example.test", "group": "unmapped"})
	if in.Role != nil {
		t.Fatalf("an unmapped group gave %v", *in.Role)
	}
	if _, err := v.identity(map[string]any{"email": "a@example.test", "email_verified": "false"}); err == nil {
		t.Fatal("email_verified other than true was accepted")
	}
}
