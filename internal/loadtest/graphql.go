package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// graphqlClient posts GraphQL operations with an API key, as a script
// would.
type graphqlClient struct {
	url, key string
	http     *http.Client
}

// do runs query and decodes its data into out (when not nil); GraphQL
// errors are errors.
func (c graphqlClient) do(ctx context.Context, query string, vars map[string]any, out any) error {
	body, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, c.url+"/graphql", bytes.NewReader(body))
	req.Header.Set("Authorization", "Bearer "+c.key)
	req.Header.Set("Content-Type", "application/json")
	res, err := c.http.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var r struct {
		Data   json.RawMessage
		Errors []struct{ Message string }
	}
	if err := json.Unmarshal(raw, &r); err != nil || len(r.Errors) > 0 {
		return fmt.Errorf("graphql: %s", raw)
	}
	if out != nil {
		return json.Unmarshal(r.Data, out)
	}
	return nil
}
