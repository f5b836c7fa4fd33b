package signin_test

import (
	"testing"

	"firebreak/internal/database"
	"firebreak/internal/people"
	"firebreak/internal/refcache"
	"firebreak/internal/signin"
	"firebreak/internal/testenv"
	"firebreak/internal/testenv/standin"
	"firebreak/models"
)

// BenchmarkVerifyUncached is a sign-in token's first request: signature,
// claims and finding the person (the epoch never listens, so nothing is
// cached).
func BenchmarkVerifyUncached(b *testing.B) {
	provider := standin.StartOIDCProvider(b, standin.OIDCSettings{
		Clients:  []standin.OIDCClient{{ID: "firebreak-web"}},
		Accounts: map[string]standin.OIDCAccount{"carol": {Email: "carol@example.test", EmailVerified: standin.Verified, Name: "Carol"}},
	})
	db, err := database.Open(testenv.NewDatabase(b), 4)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	v := signin.New(signin.Config{Issuer: provider.Issuer, Audiences: []string{"firebreak-web"}, DefaultRole: models.RoleViewer},
		people.NewService(db), new(refcache.Epoch))
	token, _ := provider.SignIn(b, "firebreak-web", "carol")
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := v.Authenticate(b.Context(), token); err != nil {
			b.Fatal(err)
		}
	}
}
