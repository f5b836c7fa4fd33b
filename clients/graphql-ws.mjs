// Runs the graphql-ws client (the one Apollo, urql and Relay use for
// subscriptions) against Firebreak, as a browser app would, and prints what
// happened as one JSON line. Usage: node graphql-ws.mjs URL KEY
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const [url, key] = process.argv.slice(2);
let attempts = 0;
const result = { attempts: 0 };
const finish = (extra) => {
  console.log(JSON.stringify({ ...result, ...extra, attempts }));
  process.exit(0);
};
setTimeout(() => finish({ timeout: true }), 20000);

const client = createClient({
  url: url.replace(/^http/, "ws") + "/graphql",
  webSocketImpl: WebSocket,
  // FIRST_INIT_DELAY_MS: the first connection's connectionParams take this
  // long (a token refresh that is slow once), later ones none.
  connectionParams: async () => {
    if (attempts === 1 && process.env.FIRST_INIT_DELAY_MS) {
      await new Promise((resolve) => setTimeout(resolve, Number(process.env.FIRST_INIT_DELAY_MS)));
    }
    return { Authorization: "Bearer " + key };
  },
  retryAttempts: 5,
  on: {
    connecting: () => { attempts++; },
    connected: () => { console.log(JSON.stringify({ connected: true })); },
    closed: (event) => { result.closes = [...(result.closes ?? []), event.code]; },
  },
});

client.subscribe(
  { query: "subscription { incidentChanges { title } }" },
  {
    next: (value) => finish({ next: value }),
    error: (err) => finish({ error: { code: err.code, reason: err.reason, message: err.message } }),
    complete: () => finish({ complete: true }),
  },
);
