package graph

// Node is any object with a global id. It is bound to the domain models,
// which know nothing of GraphQL; the id field resolvers compute global ids.
type Node interface{}
