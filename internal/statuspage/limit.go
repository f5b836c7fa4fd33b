package statuspage

import "firebreak/internal/addrlimit"

// Limit is what one client address may ask of the page
// (FIREBREAK_STATUS_RATE_LIMIT; docs/operations.md).
type Limit = addrlimit.Limit

// DefaultLimit lets a person reload freely and a monitor poll every few
// seconds, and stops one address from taking the server.
var DefaultLimit = Limit{Rate: 20, Burst: 60}
