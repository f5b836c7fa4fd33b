// Firebreak's GraphiQL: the key pasted above is kept for this browser tab
// (sessionStorage) and sent with every request, and in connection_init for
// subscriptions, which run over a graphql-transport-ws websocket.
(function () {
  "use strict";
  var storageKey = "firebreak-api-key";
  var defaultQuery = [
    "# Paste an API key above, then run this (Ctrl-Enter).",
    "# Subscriptions work too: subscription { incidentChanges { number title status } }",
    "query OpenIncidents {",
    "  me { name role }",
    "  incidents(first: 10, filter: { statuses: [INVESTIGATING, IDENTIFIED, MONITORING] }) {",
    "    totalCount",
    "    nodes { number title status severity { name } commander { name } latestUpdate { body } nextUpdateDueAt }",
    "  }",
    "}",
    ""
  ].join("\n");

  function currentKey() { return sessionStorage.getItem(storageKey) || ""; }
  function authorization() {
    var key = currentKey();
    return key ? { Authorization: "Bearer " + key } : {};
  }

  function httpFetch(params) {
    var headers = Object.assign({ "Content-Type": "application/json" }, authorization());
    return fetch("/graphql", { method: "POST", headers: headers, body: JSON.stringify(params) })
      .then(function (r) { return r.json(); });
  }

  function isSubscription(params) {
    var text = (params.query || "").replace(/#[^\n]*/g, "");
    return /(^|})\s*subscription\b/.test(text);
  }

  // An Observable, as GraphiQL accepts from a fetcher.
  function socketFetch(params) {
    return {
      subscribe: function (observer) {
        var url = location.origin.replace(/^http/, "ws") + "/graphql";
        var ws = new WebSocket(url, "graphql-transport-ws");
        var done = false;
        function finish() { if (!done) { done = true; observer.complete(); } }
        ws.onopen = function () {
          ws.send(JSON.stringify({ type: "connection_init", payload: authorization() }));
        };
        ws.onmessage = function (m) {
          var msg = JSON.parse(m.data);
          if (msg.type === "connection_ack") {
            ws.send(JSON.stringify({ id: "1", type: "subscribe", payload: params }));
          } else if (msg.type === "next") {
            observer.next(msg.payload);
          } else if (msg.type === "error") {
            observer.next({ errors: msg.payload });
            finish();
          } else if (msg.type === "complete") {
            finish();
            ws.close(1000);
          } else if (msg.type === "ping") {
            ws.send(JSON.stringify({ type: "pong" }));
          }
        };
        ws.onclose = function (e) {
          if (!done && e.code !== 1000) {
            observer.next({ errors: [{ message: "the websocket closed (" + e.code + "): " + (e.reason || "no reason given") }] });
          }
          finish();
        };
        return {
          unsubscribe: function () {
            if (ws.readyState === WebSocket.OPEN) {
              ws.send(JSON.stringify({ id: "1", type: "complete" }));
              ws.close(1000);
            }
          }
        };
      }
    };
  }

  function fetcher(params) {
    return isSubscription(params) ? socketFetch(params) : httpFetch(params);
  }

  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  function render() {
    var key = currentKey();
    var status = document.getElementById("key-status");
    status.textContent = key ? "Using key " + key.slice(0, 8) + "…" : "Paste an API key to sign in: every request needs one.";
    status.className = key ? "" : "missing";
    // A new key remounts GraphiQL, which fetches the schema again with it.
    root.render(React.createElement(GraphiQL, { key: key || "none", fetcher: fetcher, defaultQuery: defaultQuery }));
  }

  document.getElementById("signin").addEventListener("submit", function (e) {
    e.preventDefault();
    var input = document.getElementById("key");
    var key = input.value.trim().replace(/^Bearer\s+/i, "");
    if (key) { sessionStorage.setItem(storageKey, key); }
    input.value = "";
    render();
  });
  document.getElementById("forget-key").addEventListener("click", function () {
    sessionStorage.removeItem(storageKey);
    render();
  });
  render();
})();
