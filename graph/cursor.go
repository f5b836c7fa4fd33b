package graph

import (
	"encoding/base64"
	"encoding/json"

	"firebreak/internal/alerting"
	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/incident"
)

// Cursors are opaque to clients: base64url of the keyset position.
func encodeCursor(c incident.Cursor) string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeCursor(field string, cursor *string) (*incident.Cursor, error) {
	if cursor == nil || *cursor == "" {
		return nil, nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*cursor)
	var c incident.Cursor
	if err == nil {
		err = json.Unmarshal(raw, &c)
	}
	if err != nil || c.At.IsZero() {
		return nil, apperr.BadInput(field, "not a valid cursor")
	}
	return &c, nil
}

// Lists order by time then id (or sequence), or by id alone: a cursor's
// position in either.
var (
	byTime = func(c incident.Cursor) []any { return []any{c.At, c.ID} }
	byID   = func(c incident.Cursor) []any { return []any{c.ID} }
)

// Default page sizes when a client gives neither first nor last.
const (
	defaultPage     = 20
	defaultTimeline = 50
)

// window reads a connection's paging arguments: first/after forwards,
// last/before backwards.
func window(first *int, after *string, last *int, before *string, size int, position func(incident.Cursor) []any) (database.Window, error) {
	w := database.Window{First: first, Last: last, Default: size}
	for _, c := range []struct {
		field  string
		cursor *string
		dst    *[]any
	}{{"after", after, &w.After}, {"before", before, &w.Before}} {
		pos, err := decodeCursor(c.field, c.cursor)
		if err != nil {
			return w, err
		}
		if pos != nil {
			*c.dst = position(*pos)
		}
	}
	return w, nil
}

// pageByID runs a page query of rows keyed by id after the cursor and
// returns the page with its paging info (cursors of its first and last
// rows).
func pageByID[T any](after *string, id func(T) int64, page func(afterID int64) ([]T, bool, error)) ([]T, *PageInfo, error) {
	var afterID int64
	if cursor, err := decodeCursor("after", after); err != nil {
		return nil, nil, err
	} else if cursor != nil {
		afterID = cursor.ID
	}
	rows, more, err := page(afterID)
	if err != nil {
		return nil, nil, err
	}
	info := &PageInfo{HasNextPage: more}
	if n := len(rows); n > 0 {
		start, end := encodeCursor(incident.Cursor{ID: id(rows[0])}), encodeCursor(incident.Cursor{ID: id(rows[n-1])})
		info.StartCursor, info.EndCursor = &start, &end
	}
	return rows, info, nil
}

// alertsPage is a page of alerts as the API returns it.
func alertsPage(after *string, page func(afterID int64) ([]*alerting.Alert, bool, error)) (*AlertConnection, error) {
	alerts, info, err := pageByID(after, func(a *alerting.Alert) int64 { return a.ID }, page)
	if err != nil {
		return nil, err
	}
	return &AlertConnection{Nodes: alerts, PageInfo: info}, nil
}
