// Apollo Client 4 against Firebreak, set up as docs/clients.md shows: HTTP
// for queries and mutations, graphql-ws for subscriptions, Relay-style
// pagination merged in the cache, an error link reading extensions.code.
// Prints one JSON line of what it saw. Usage: node apollo.mjs URL KEY
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { ErrorLink } from "@apollo/client/link/error";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { relayStylePagination, getMainDefinition } from "@apollo/client/utilities";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, key] = process.argv.slice(2);
const codes = [];
setTimeout(() => { console.log(JSON.stringify({ timeout: true, codes })); process.exit(1); }, 30000);

const http = new HttpLink({ uri: url + "/graphql", headers: { Authorization: "Bearer " + key } });
const ws = new GraphQLWsLink(createClient({
  url: url.replace(/^http/, "ws") + "/graphql",
  webSocketImpl: WebSocket,
  connectionParams: { Authorization: "Bearer " + key },
}));
const errors = new ErrorLink(({ error }) => {
  if (CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) codes.push(e.extensions?.code);
  }
});
const client = new ApolloClient({
  link: ApolloLink.from([errors, ApolloLink.split(
    ({ query }) => {
      const def = getMainDefinition(query);
      return def.kind === "OperationDefinition" && def.operation === "subscription";
    },
    ws,
    http,
  )]),
  cache: new InMemoryCache({
    typePolicies: { Query: { fields: { incidents: relayStylePagination(["filter"]) } } },
  }),
});

const INCIDENTS = gql`query Incidents($first: Int, $after: String) {
  incidents(first: $first, after: $after) { edges { cursor node { id title } } pageInfo { hasNextPage endCursor } }
}`;
const DECLARE = gql`mutation Declare($input: DeclareIncidentInput!) { declareIncident(input: $input) { incident { id title } } }`;
const CHANGES = gql`subscription { incidentChanges { id title } }`;

// Page through every incident, two at a time, merging in the cache.
const watch = client.watchQuery({ query: INCIDENTS, variables: { first: 2 } });
let result = await watch.refetch();
let pages = 1;
while (result.data.incidents.pageInfo.hasNextPage) {
  await watch.fetchMore({ variables: { after: result.data.incidents.pageInfo.endCursor } });
  result = watch.getCurrentResult();
  pages++;
}
const titles = result.data.incidents.edges.map((e) => e.node.title);

// A bad mutation: the error link sees its code.
let mutationError = null;
try {
  await client.mutate({ mutation: DECLARE, variables: { input: { title: "", severityLevel: 1 } } });
} catch (e) {
  mutationError = e.message;
}

// A subscription over graphql-ws: declare until an event arrives.
const event = await new Promise((resolve, reject) => {
  let tick;
  const sub = client.subscribe({ query: CHANGES }).subscribe({
    next: (r) => { clearInterval(tick); sub.unsubscribe(); resolve(r.data.incidentChanges.title); },
    error: reject,
  });
  const declare = () => client.mutate({ mutation: DECLARE, variables: { input: { title: "Seen by Apollo", severityLevel: 3 } } });
  tick = setInterval(declare, 500);
});

console.log(JSON.stringify({ pages, titles, codes, mutationError, event }));
process.exit(0);
