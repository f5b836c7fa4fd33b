package testenv

import (
	"testing"
	"time"
)

// IncidentFields selects every field of an incident the tests read back.
const IncidentFields = `
	id number handle responseChannel title summary status visibility version
	declaredAt detectedAt acknowledgedAt mitigatedAt resolvedAt closedAt lastUpdateAt
	severity { id level name description color updateIntervalMinutes retrospectiveRequired retrospectiveDueDays }
	products { id name slug }
	createdBy { id name role }
	latestUpdate { id body status severity { level } author { name } createdAt }
	updates { totalCount nodes { body } }
	timeline { totalCount nodes { sequence kind message data actor { name } occurredAt cursor } }
`

// Severity is a severity as the API answers it.
type Severity struct {
	ID                    string
	Level                 int
	Name                  string
	Description           string
	Color                 string
	UpdateIntervalMinutes int
	RetrospectiveRequired bool
	RetrospectiveDueDays  int
}

// Event is a timeline event as the API answers it.
type Event struct {
	Sequence   int
	Kind       string
	Message    string
	Data       map[string]any
	Actor      *struct{ Name string }
	OccurredAt time.Time
	Cursor     string
}

// Incident is an incident as the API answers it (IncidentFields).
type Incident struct {
	ID, Handle, ResponseChannel, Title, Summary, Status, Visibility string
	Number, Version                                                 int
	DeclaredAt, DetectedAt                                          time.Time
	AcknowledgedAt, MitigatedAt, ResolvedAt, ClosedAt, LastUpdateAt *time.Time
	Severity                                                        Severity
	Products                                                        []struct{ ID, Name, Slug string }
	CreatedBy                                                       struct{ ID, Name, Role string }
	LatestUpdate                                                    *struct {
		ID, Body  string
		Status    *string
		Severity  *struct{ Level int }
		Author    struct{ Name string }
		CreatedAt time.Time
	}
	Updates struct {
		TotalCount int
		Nodes      []struct{ Body string }
	}
	Timeline struct {
		TotalCount int
		Nodes      []Event
	}
}

// CreateProduct creates a product as an admin and returns its id.
func (env *Env) CreateProduct(t testing.TB, name string) string {
	t.Helper()
	var out struct {
		CreateProduct struct{ Product struct{ ID string } }
	}
	env.Query(t, env.AdminKey, `mutation($n: String!) { createProduct(input: {name: $n}) { product { id } } }`,
		map[string]any{"n": name}, &out)
	return out.CreateProduct.Product.ID
}

// Declare declares an incident as a responder.
func (env *Env) Declare(t testing.TB, input map[string]any) Incident {
	t.Helper()
	var out struct {
		DeclareIncident struct{ Incident Incident }
	}
	env.Query(t, env.ResponderKey, `mutation($in: DeclareIncidentInput!) {
		declareIncident(input: $in) { incident { `+IncidentFields+` } } }`,
		map[string]any{"in": input}, &out)
	return out.DeclareIncident.Incident
}

// GetIncident reads an incident by its global id with key.
func (env *Env) GetIncident(t testing.TB, key, id string) Incident {
	t.Helper()
	var out struct{ Incident Incident }
	env.Query(t, key, `query($id: ID) { incident(id: $id) { `+IncidentFields+` } }`, map[string]any{"id": id}, &out)
	return out.Incident
}
