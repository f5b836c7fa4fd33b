package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"

	"firebreak/internal/apperr"
	"firebreak/internal/database"
	"firebreak/internal/requestid"
)

// internalError is an error a resolver did not mean for clients (SQL, I/O,
// bugs). It is logged in full and shown only as INTERNAL with the request id.
type internalError struct {
	err       error
	requestID string
}

func (e *internalError) Error() string { return e.err.Error() }
func (e *internalError) Unwrap() error { return e.err }

// errDatabaseUnavailable is what a client is told while PostgreSQL cannot
// be reached (a failover takes a moment): retry, rather than report a bug.
var errDatabaseUnavailable = &apperr.Error{Code: apperr.Unavailable,
	Message: "the database is unavailable for a moment (failing over?): retry; a mutation with an idempotencyKey retries safely"}

// hideInternalErrors runs around every resolver: errors that are not
// apperr.Errors are logged and replaced, so their text never reaches a client.
func hideInternalErrors(ctx context.Context, next graphql.Resolver) (any, error) {
	res, err := next(ctx)
	if err != nil && database.IsUnavailable(err) && isQuery(ctx) {
		// A query changes nothing: while PostgreSQL fails over, run the
		// field again rather than answer UNAVAILABLE at once.
		err = database.RetryUnavailable(ctx, database.UnavailableBudget, func() error {
			res, err = next(ctx)
			return err
		})
	}
	if err == nil {
		return res, nil
	}
	var appErr *apperr.Error
	if errors.As(err, &appErr) || errors.Is(err, context.Canceled) {
		return res, err
	}
	if database.IsUnavailable(err) {
		slog.WarnContext(ctx, "database unavailable", "request_id", requestid.From(ctx), "error", err.Error())
		return res, errDatabaseUnavailable
	}
	return res, internal(ctx, err)
}

// isQuery reports whether the field belongs to a query operation (not a
// mutation or subscription).
func isQuery(ctx context.Context) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	op := graphql.GetOperationContext(ctx).Operation
	return op != nil && op.Operation == ast.Query
}

func internal(ctx context.Context, err error) *internalError {
	id := requestid.From(ctx)
	attrs := []any{"request_id", id, "error", err.Error()}
	if fc := graphql.GetFieldContext(ctx); fc != nil {
		attrs = append(attrs, "path", fc.Path().String())
	}
	if ctx.Err() != nil {
		// The client left, or the request ran out of time, while this ran:
		// the driver then reports a broken connection. Not a fault.
		slog.InfoContext(ctx, "request ended before its work", append(attrs, "cause", ctx.Err().Error())...)
	} else {
		slog.ErrorContext(ctx, "internal error", attrs...)
	}
	return &internalError{err: err, requestID: id}
}

// Codes of documents that are not GraphQL, or not valid against the schema,
// as Apollo Server names them (clients match on these).
const (
	codeParseFailed      = "GRAPHQL_PARSE_FAILED"
	codeValidationFailed = "GRAPHQL_VALIDATION_FAILED"
)

// presentError gives every error a code from the contract. Errors that did
// not pass through a resolver are the client's: a document that does not
// parse is GRAPHQL_PARSE_FAILED, one that does not validate (or is over a
// limit, said in extensions.reason) GRAPHQL_VALIDATION_FAILED, and a bad
// value in the variables or arguments BAD_USER_INPUT naming the field.
func presentError(ctx context.Context, err error) *gqlerror.Error {
	gqlErr := graphql.DefaultErrorPresenter(ctx, err)
	if gqlErr.Extensions == nil {
		gqlErr.Extensions = map[string]any{}
	}
	var (
		appErr *apperr.Error
		intErr *internalError
	)
	switch {
	case errors.As(err, &appErr):
		gqlErr.Message = appErr.Message
		gqlErr.Extensions["code"] = string(appErr.Code)
		if appErr.Field != "" {
			gqlErr.Extensions["field"] = appErr.Field
		}
	case errors.As(err, &intErr):
		gqlErr.Message = fmt.Sprintf("internal error (request id %s)", intErr.requestID)
		gqlErr.Extensions["code"] = string(apperr.Internal)
		gqlErr.Extensions["requestId"] = intErr.requestID
	case gqlErr.Extensions["code"] == persistedQueryNotFound:
		// The APQ protocol's own code, which clients act on by sending the
		// full query: kept as it is.
	default:
		code, _ := gqlErr.Extensions["code"].(string)
		switch {
		case code == codeParseFailed:
		case code == codeValidationFailed && !isVariablePath(gqlErr.Path):
		case code == reasonTooLarge || code == reasonTooComplex || code == reasonTooManyErrors:
			gqlErr.Extensions["reason"] = code
			gqlErr.Extensions["code"] = codeValidationFailed
		default:
			if code != "" && code != codeValidationFailed {
				gqlErr.Extensions["reason"] = code
			}
			gqlErr.Extensions["code"] = string(apperr.BadUserInput)
			if field := lastPathName(gqlErr.Path); field != "" {
				gqlErr.Extensions["field"] = field
			}
		}
	}
	return gqlErr
}

// isVariablePath reports whether an error is about a variable's value
// (gqlparser's paths for those start with "variable").
func isVariablePath(p ast.Path) bool {
	if len(p) == 0 {
		return false
	}
	name, ok := p[0].(ast.PathName)
	return ok && name == "variable"
}

func lastPathName(p ast.Path) string {
	for i := len(p) - 1; i >= 0; i-- {
		if name, ok := p[i].(ast.PathName); ok {
			return string(name)
		}
	}
	return ""
}

// recoverPanic turns a resolver panic into INTERNAL.
func recoverPanic(ctx context.Context, v any) error {
	return internal(ctx, fmt.Errorf("panic: %v", v))
}
