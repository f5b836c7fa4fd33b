package graph

import (
	"encoding/base64"
	"encoding/json"

	"firebreak/internal/apperr"
	"firebreak/internal/incident"
)

// Cursors are opaque to clients: base64url of the keyset position.
func encodeCursor(c incident.Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(after *string) (*incident.Cursor, error) {
	if after == nil || *after == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*after)
	var c incident.Cursor
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	if err != nil || c.At.IsZero() {
		return nil, apperr.BadInput("after", "not a valid cursor")
	}
	return &c, nil
}

// afterIDOf reads the id position of an `after` cursor (0 for none), for
// lists ordered by id.
func afterIDOf(after *string) (int64, error) {
	cursor, err := decodeCursor(after)
	if err != nil || cursor == nil {
		return 0, err
	}
	return cursor.ID, nil
}
