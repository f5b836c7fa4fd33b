// The GraphQL over HTTP specification's audit suite (graphql-http's
// serverAudits, by the spec's editors) against Firebreak's /graphql, with
// an API key on every request (internal/httpapi/graphql_http_test.go).
//
// node graphql-http-audit.mjs <server URL> <API key>
// Prints one JSON line: [{id, name, status, reason}] for every audit.
import { serverAudits } from 'graphql-http';

const [url, key] = process.argv.slice(2);
const fetchFn = (input, init = {}) => {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${key}`);
  return fetch(input, { ...init, headers });
};
const results = [];
for (const audit of serverAudits({ url: url + '/graphql', fetchFn })) {
  const result = await audit.fn();
  results.push({ id: result.id, name: result.name, status: result.status, reason: result.reason ?? '' });
}
process.stdout.write(JSON.stringify(results) + '\n');
