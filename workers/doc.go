// Package workers will hold Firebreak's asynq tasks: status-update reminders,
// retrospective and follow-up nudges, and webhook delivery. The API does not
// depend on it; `firebreak all` will start the worker beside the server.
package workers
