package alerting

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"firebreak/internal/apperr"
	"firebreak/internal/httperr"
)

// The events endpoint speaks PagerDuty's Events API v2 on the wire, so
// that senders configured the PagerDuty way work unchanged: the
// integration key is the body's routing_key (Alertmanager's
// pagerduty_configs and go-pagerduty send no Authorization header),
// go-pagerduty posts to <endpoint>/v2/enqueue, answers have PagerDuty's
// shape ({"status", "message", "dedup_key"} and, for errors,
// {"status", "message", "errors"}), and the labels Alertmanager keeps in
// custom_details route like any other.

// maxEventBytes bounds one event (PagerDuty's limit is 512 KB).
const maxEventBytes = 512 << 10

// receivedEvent authenticates an event by its bearer token, or — without
// an Authorization header, as PagerDuty senders post — by its routing_key,
// and returns its body; false: it has been answered.
func (s *Service) receivedEvent(w http.ResponseWriter, r *http.Request) (*Source, []byte, bool) {
	if r.Header.Get("Authorization") != "" {
		return s.received(w, r, KindGeneric, maxEventBytes, "send one event per request", answerEventError)
	}
	body, ok := readBody(w, r, maxEventBytes, "send one event per request", answerEventError)
	if !ok {
		return nil, nil, false
	}
	var keyed struct {
		RoutingKey string `json:"routing_key"`
	}
	_ = json.Unmarshal(body, &keyed)
	if keyed.RoutingKey == "" {
		answerEventError(w, r, apperr.New(apperr.Unauthenticated, "send the source's token as routing_key (or as Authorization: Bearer)"))
		return nil, nil, false
	}
	src, err := s.Authenticate(r.Context(), strings.TrimSpace(keyed.RoutingKey), KindGeneric)
	if err != nil {
		answerEventError(w, r, err)
		return nil, nil, false
	}
	if s.overBudget(w, r, src, answerEventError) {
		return nil, nil, false
	}
	return src, body, true
}

// answerEventError answers in PagerDuty's error shape, with Firebreak's
// field and code beside it.
func answerEventError(w http.ResponseWriter, r *http.Request, err error) {
	httperr.Write(w, r, "alert event", err, pagerDutyError)
}

func pagerDutyError(w http.ResponseWriter, status int, e *apperr.Error) {
	body := map[string]any{"status": "invalid event", "message": "Event object is invalid", "errors": []string{e.Message}, "field": e.Field, "code": string(e.Code)}
	if status != http.StatusBadRequest && status != http.StatusRequestEntityTooLarge {
		body["status"], body["message"] = strings.ToLower(http.StatusText(status)), e.Message
	}
	httperr.WriteJSON(w, status, body)
}

// detailLabels are the labels an event's custom_details give it: its
// scalar values by their keys, and — where custom_details holds
// Alertmanager's list of firing alerts (pagerduty_configs' default
// details: a text list before Alertmanager 0.27, JSON after) — the labels
// of the first of them, which win.
func detailLabels(details map[string]any) map[string]string {
	labels := map[string]string{}
	for k, v := range details {
		if len(labels) >= maxDetailLabels || k == "" || len(k) > 100 {
			continue
		}
		var value string
		switch v := v.(type) {
		case string:
			value = v
		case float64, bool:
			value = fmt.Sprint(v)
		default:
			continue
		}
		if k != "firing" && k != "resolved" && len(value) <= maxDetailLabelValue {
			labels[k] = value
		}
	}
	for k, v := range alertmanagerLabels(details["firing"]) {
		labels[k] = v
	}
	return labels
}

const (
	maxDetailLabels     = 50
	maxDetailLabelValue = 1024
)

// alertmanagerLabels reads the first alert's labels from Alertmanager's
// rendering of its firing alerts.
func alertmanagerLabels(v any) map[string]string {
	var list []struct {
		Labels map[string]string `json:"labels"`
	}
	switch v := v.(type) {
	case []any:
		raw, _ := json.Marshal(v)
		_ = json.Unmarshal(raw, &list)
	case string:
		if strings.HasPrefix(strings.TrimSpace(v), "[") {
			_ = json.Unmarshal([]byte(v), &list)
		} else {
			return textAlertLabels(v)
		}
	}
	if len(list) == 0 {
		return nil
	}
	return list[0].Labels
}

// textAlertLabels reads the first "Labels:" block of Alertmanager's
// __text_alert_list template (" - name = value" lines).
func textAlertLabels(text string) map[string]string {
	labels := map[string]string{}
	in := false
	for _, line := range strings.Split(text, "\n") {
		switch {
		case line == "Labels:":
			if len(labels) > 0 {
				return labels
			}
			in = true
		case in && strings.HasPrefix(line, " - "):
			name, value, ok := strings.Cut(line[3:], " = ")
			if ok && len(labels) < maxDetailLabels {
				labels[name] = value
			}
		default:
			in = false
		}
	}
	return labels
}

// readBody reads a request's body, at most limit bytes; false: it has been
// answered.
func readBody(w http.ResponseWriter, r *http.Request, limit int64, advice string, answer func(http.ResponseWriter, *http.Request, error)) ([]byte, bool) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		answer(w, r, httperr.TooLarge{Err: apperr.BadInput("body", "the payload is over %d KiB: %s", limit>>10, advice)})
		return nil, false
	}
	if err != nil {
		slog.DebugContext(r.Context(), "alert ingest: the body could not be read", "error", err.Error())
		answer(w, r, apperr.BadInput("body", "the payload could not be read"))
		return nil, false
	}
	return bytes.TrimSpace(body), true
}
