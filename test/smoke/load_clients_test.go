package smoke_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"time"

	"firebreak/internal/testenv"
)

// updatePoster posts status updates to one incident through the HTTP API
// and records which succeeded (their ids) and how the others failed.
type updatePoster struct {
	env        *testenv.Env
	incidentID string
	mu         sync.Mutex
	succeeded  []string
	failures   []string
	// firstSuccessAfter is when the first success after mark came.
	mark, firstSuccessAfter time.Time
}

func (p *updatePoster) post(body string) bool {
	payload, _ := json.Marshal(map[string]any{"query": `mutation($id: ID!, $b: String!) { postIncidentUpdate(input: {incidentId: $id, body: $b}) { update { id } } }`,
		"variables": map[string]any{"id": p.incidentID, "b": body}})
	req, _ := http.NewRequest(http.MethodPost, p.env.Server.URL+"/graphql", bytes.NewReader(payload))
	req.Header.Set("Authorization", "Bearer "+p.env.ResponderKey)
	req.Header.Set("Content-Type", "application/json")
	var out struct {
		Data struct {
			PostIncidentUpdate *struct{ Update struct{ ID string } }
		}
		Errors []testenv.GraphQLError
	}
	res, err := http.DefaultClient.Do(req)
	if err == nil {
		err = json.NewDecoder(res.Body).Decode(&out)
		res.Body.Close()
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	switch {
	case err != nil:
		p.failures = append(p.failures, err.Error())
	case len(out.Errors) > 0 || out.Data.PostIncidentUpdate == nil:
		code := "no code"
		if len(out.Errors) > 0 {
			code = out.Errors[0].Code()
		}
		p.failures = append(p.failures, code)
	default:
		p.succeeded = append(p.succeeded, out.Data.PostIncidentUpdate.Update.ID)
		if !p.mark.IsZero() && p.firstSuccessAfter.IsZero() {
			p.firstSuccessAfter = time.Now()
		}
		return true
	}
	return false
}

// incidentReader reads one incident through the API and records failures.
type incidentReader struct {
	env        *testenv.Env
	incidentID string
	reads      int
	failures   []string
}

// every reads every interval until stop is closed.
func (r *incidentReader) every(interval time.Duration, stop <-chan struct{}) {
	for {
		select {
		case <-stop:
			return
		case <-time.After(interval):
		}
		payload, _ := json.Marshal(map[string]any{"query": `query($id: ID) { incident(id: $id) { title timeline(first: 5) { nodes { kind } } } }`,
			"variables": map[string]any{"id": r.incidentID}})
		req, _ := http.NewRequest(http.MethodPost, r.env.Server.URL+"/graphql", bytes.NewReader(payload))
		req.Header.Set("Authorization", "Bearer "+r.env.ViewerKey)
		req.Header.Set("Content-Type", "application/json")
		var out struct {
			Data   struct{ Incident *struct{ Title string } }
			Errors []testenv.GraphQLError
		}
		res, err := http.DefaultClient.Do(req)
		if err == nil {
			err = json.NewDecoder(res.Body).Decode(&out)
			res.Body.Close()
		}
		r.reads++
		switch {
		case err != nil:
			r.failures = append(r.failures, err.Error())
		case len(out.Errors) > 0 || out.Data.Incident == nil:
			r.failures = append(r.failures, fmt.Sprint(out.Errors))
		}
	}
}

// every posts an update every interval until stop is closed.
func (p *updatePoster) every(interval time.Duration, stop <-chan struct{}) {
	for i := 0; ; i++ {
		select {
		case <-stop:
			return
		case <-time.After(interval):
		}
		p.post(fmt.Sprintf("update %d", i))
	}
}

func (p *updatePoster) count() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.succeeded)
}
