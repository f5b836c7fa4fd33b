package graph

import (
	"context"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler"
	"github.com/99designs/gqlgen/graphql/handler/extension"
	"github.com/99designs/gqlgen/graphql/handler/lru"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	coderws "github.com/coder/websocket"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/formatter"

	"firebreak/internal/apperr"
	"firebreak/internal/auth"
	"firebreak/internal/telemetry"
)

// ServerOptions tune the GraphQL handler.
type ServerOptions struct {
	// Limits bound each document before it runs (zero values: defaults).
	Limits QueryLimits
	// Introspection may be switched off in production.
	Introspection bool
	// AllowedOrigins are host patterns ("app.example.com", "*.example.com")
	// whose pages may open websockets besides the API's own origin (the HTTP
	// API answers them with CORS).
	// Clients without an Origin header (scripts, bots) are not affected.
	AllowedOrigins []string
	// Keys authenticates websockets from their connection_init payload.
	Keys *auth.Service
	// SocketLimits bound websockets per key and operations per socket (zero
	// values: defaults).
	SocketLimits SocketLimits
	// LimitOperation spends an API key's rate budget for each operation sent
	// over a websocket (optional).
	LimitOperation OperationLimiter
	// Sockets tracks websockets for a clean shutdown.
	Sockets *Sockets
	// Telemetry counts and times operations (optional).
	Telemetry *telemetry.Telemetry
	// PersistedQueries, when set, turns on automatic persisted queries
	// (clients send a query's SHA-256 instead of its text).
	PersistedQueries graphql.Cache[string]
}

// NewHandler builds the GraphQL endpoint with explicit transports.
func NewHandler(r *Resolver, opts ServerOptions) *handler.Server {
	if opts.Sockets == nil {
		opts.Sockets = new(Sockets)
	}
	limits := opts.Limits.withDefaults()
	srv := handler.New(NewExecutableSchema(Config{Resolvers: r}))

	guard := guard{keys: opts.Keys, sockets: opts.Sockets, limits: opts.SocketLimits.withDefaults(), limiter: opts.LimitOperation}
	srv.AddTransport(slottedWebsocket{origins: opts.AllowedOrigins, Websocket: transport.Websocket{
		KeepAlivePingInterval: 10 * time.Second,
		PingPongInterval:      20 * time.Second,
		// graphql-transport-ws sockets close at guard.limits.InitTimeout
		// with 4408 (protocolConn); gqlgen's own timeout, a little later,
		// ends legacy graphql-ws sockets.
		InitTimeout: guard.limits.InitTimeout + 2*time.Second,
		InitFunc:    guard.init,
		// Origins are checked by slottedWebsocket, which closes a refused
		// one with 4403 after the upgrade instead of failing it.
		Implementation: opts.Sockets.wrap(transport.CoderWebsocketImplementation{
			AcceptOptions: coderws.AcceptOptions{InsecureSkipVerify: true},
		}, guard.limits.InitTimeout),
	}})
	srv.AddTransport(transport.Options{})
	srv.AddTransport(httpTransport{})

	parsed := documentCache{lru.New[*ast.QueryDocument](1000)}
	srv.SetQueryCache(parsed)
	srv.SetParserTokenLimit(limits.Tokens)
	srv.SetValidationRulesFn(cappedRules(limits.Errors))
	// Order matters: persisted queries fill in the text, the shape limit
	// runs before gqlgen parses and validates, the cost limit after.
	if opts.PersistedQueries != nil {
		srv.Use(extension.AutomaticPersistedQuery{Cache: lookupOnly{opts.PersistedQueries}})
	}
	srv.Use(&shapeLimit{limits: limits, parsed: parsed})
	if opts.Introspection {
		srv.Use(extension.Introspection{})
	}
	if limits.Cost > 0 {
		srv.Use(costLimit{limit: limits.Cost})
	}
	// Last: a query is remembered only once it passed everything.
	if opts.PersistedQueries != nil {
		srv.Use(registerPersistedQueries{cache: opts.PersistedQueries})
	}
	srv.AroundResponses(capErrors(limits.Errors))
	if opts.Telemetry != nil {
		srv.AroundOperations(measureOperations(opts.Telemetry))
	}
	srv.AroundOperations(guard.operations)
	srv.AroundOperations(shareLiveResponses(opts.Telemetry))
	// One field middleware, not two: it runs for every field of every
	// object, and each layer costs an allocation there.
	srv.AroundFields(func(ctx context.Context, next graphql.Resolver) (any, error) {
		if err := checkArguments(ctx); err != nil {
			return nil, err
		}
		return hideInternalErrors(ctx, next)
	})
	srv.SetErrorPresenter(presentError)
	srv.SetRecoverFunc(recoverPanic)
	return srv
}

var errUnauthenticated = apperr.New(apperr.Unauthenticated, `an API key or sign-in token is required: {"Authorization": "Bearer <key or token>"}`)

// measureOperations counts and times queries and mutations by operation
// name; subscriptions live as long as their socket and are counted by the
// hub instead.
func measureOperations(tel *telemetry.Telemetry) graphql.OperationMiddleware {
	return func(ctx context.Context, next graphql.OperationHandler) graphql.ResponseHandler {
		oc := graphql.GetOperationContext(ctx)
		if oc.Operation != nil && oc.Operation.Operation == ast.Subscription {
			return next(ctx)
		}
		name, start := operationLabel(oc.OperationName, oc.Operation), time.Now()
		respond := next(ctx)
		return func(ctx context.Context) *graphql.Response {
			resp := respond(ctx)
			tel.GraphQLOperation(name, resp == nil || len(resp.Errors) > 0, time.Since(start))
			return resp
		}
	}
}

// operationLabel names an operation for metrics. Names come from clients,
// so only sensible ones become label values.
func operationLabel(requested string, op *ast.OperationDefinition) string {
	name := requested
	if name == "" && op != nil {
		name = op.Name
	}
	if name == "" {
		return "anonymous"
	}
	if len(name) > 64 {
		return "other"
	}
	for _, r := range name {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return "other"
		}
	}
	return name
}

// SchemaSDL is the served schema as GraphQL SDL: schema.graphql at the
// repository root is this, for client code generators.
func SchemaSDL() string {
	var b strings.Builder
	formatter.NewFormatter(&b, formatter.WithComments()).FormatSchema(NewExecutableSchema(Config{}).Schema())
	return b.String()
}
