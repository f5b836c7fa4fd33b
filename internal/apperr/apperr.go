// Package apperr is the error type every layer returns to say what went wrong
// in terms a client can act on. The GraphQL error presenter maps it to
// extensions.code; anything that is not an *Error is INTERNAL and hidden.
package apperr

import (
	"errors"
	"fmt"
)

// Code is the machine-readable error class, sent as extensions.code.
type Code string

const (
	Unauthenticated   Code = "UNAUTHENTICATED"
	Forbidden         Code = "FORBIDDEN"
	NotFound          Code = "NOT_FOUND"
	BadUserInput      Code = "BAD_USER_INPUT"
	Conflict          Code = "CONFLICT"
	InvalidTransition Code = "INVALID_TRANSITION"
	RateLimited       Code = "RATE_LIMITED"
	// Resubscribe ends a live subscription that may have missed events;
	// the client resubscribes from the cursor in extensions.resumeAfter.
	Resubscribe Code = "RESUBSCRIBE"
	// Unavailable: the database could not be reached (it is failing over,
	// or down); nothing was changed that the client was told of. Retry in a
	// moment — a mutation with an idempotencyKey safely.
	Unavailable Code = "UNAVAILABLE"
	Internal    Code = "INTERNAL"
)

// Error is an error meant for the client: its message is shown as is.
type Error struct {
	Code    Code
	Message string
	// Field names the input field at fault, for BAD_USER_INPUT.
	Field string
}

func (e *Error) Error() string {
	if e.Field != "" {
		return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, e.Field)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// BadInput reports a problem with one input field.
func BadInput(field, format string, args ...any) *Error {
	return &Error{Code: BadUserInput, Field: field, Message: fmt.Sprintf(format, args...)}
}

// New returns an error with a code and message.
func New(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// NotFoundf reports a missing object.
func NotFoundf(format string, args ...any) *Error { return New(NotFound, format, args...) }

// CodeOf returns the code of err, or Internal for errors not meant for clients.
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// As returns err's coded error, if it has one: its Message is for clients.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}
