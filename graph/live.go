package graph

import (
	"context"
	"errors"
	"strconv"

	"github.com/99designs/gqlgen/graphql/handler/transport"

	"firebreak/internal/apperr"
	"firebreak/internal/events"
)

// parseEventCursor reads a TimelineEvent.cursor (the event's global id).
func parseEventCursor(after *string) (*int64, error) {
	if after == nil || *after == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(*after, 10, 64)
	if err != nil || id < 0 {
		return nil, apperr.BadInput("after", "not a valid event cursor")
	}
	return &id, nil
}

// liveFeedError explains a subscription refused because this process has
// no live feed right now.
func liveFeedError(err error) error {
	if errors.Is(err, events.ErrFeedDown) {
		return apperr.New(apperr.Resubscribe, "live events are briefly unavailable; subscribe again in a moment")
	}
	return err
}

// endSubscription ends a stream with an error message saying why, and for
// interruptions where to resume. A stream the client ended gets none.
func endSubscription(ctx context.Context, err error, lastID *int64) {
	var appErr *apperr.Error
	switch {
	case err == nil || errors.Is(err, context.Canceled):
		return
	case events.IsFeedInterruption(err):
		appErr = apperr.New(apperr.Resubscribe, "%s; subscribe again with the cursor in extensions.resumeAfter", err)
	case errors.Is(err, events.ErrAccessLost):
		appErr = apperr.NotFoundf("incident not found")
	}
	var reported error = appErr
	if appErr == nil {
		reported = internal(ctx, err)
	}
	gqlErr := presentError(ctx, reported)
	if lastID != nil && events.IsFeedInterruption(err) {
		gqlErr.Extensions["resumeAfter"] = strconv.FormatInt(*lastID, 10)
	}
	transport.AddSubscriptionError(ctx, gqlErr)
}
