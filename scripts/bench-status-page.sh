#!/usr/bin/env bash
# Load on the public status page with wrk (Debian's package): /healthz,
# /api/v2/summary.json and /status on one server in one run, then
# summary.json again with PostgreSQL stopped halfway through.
#
#   scripts/with-services.sh -- scripts/bench-status-page.sh
#
# Uses its own database (firebreak_statusbench) on the services' PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null; }
CONNS="${CONNS:-64}" DURATION="${DURATION:-10s}" PORT="${PORT:-18099}"
base="${DATABASE_URL%/*}"
query="${DATABASE_URL##*\?}"
psql "$base/postgres?$query" -qc "DROP DATABASE IF EXISTS firebreak_statusbench" -c "CREATE DATABASE firebreak_statusbench"
export DATABASE_URL="$base/firebreak_statusbench?$query"
go build -o bin/firebreak ./cmd/firebreak
bin/firebreak migrate up >/dev/null
bin/firebreak seed --incidents 2000 --years 1 >/dev/null
# A realistic page: every product public, the 30 latest public incidents
# published with half their updates public, three of them still open.
psql "$DATABASE_URL" -q <<'SQL'
UPDATE products SET public = true, position = id;
WITH latest AS (SELECT id FROM incidents WHERE visibility = 'PUBLIC' ORDER BY declared_at DESC LIMIT 30)
UPDATE incidents SET published_at = declared_at WHERE id IN (SELECT id FROM latest);
UPDATE incident_updates SET public = (id % 2 = 0) WHERE incident_id IN (SELECT id FROM incidents WHERE published_at IS NOT NULL);
SQL
FIREBREAK_ADDR="127.0.0.1:$PORT" FIREBREAK_RATE_LIMIT=off FIREBREAK_STATUS_RATE_LIMIT=off FIREBREAK_LOG_LEVEL=error bin/firebreak serve &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fsS "http://127.0.0.1:$PORT/api/v2/summary.json" -o /dev/null
echo "summary.json: $(curl -fsS "http://127.0.0.1:$PORT/api/v2/summary.json" | wc -c) bytes; /status: $(curl -fsS "http://127.0.0.1:$PORT/status" | wc -c) bytes"
for path in /healthz /api/v2/summary.json /status /healthz; do
	echo "== $path, $CONNS connections, $DURATION"
	wrk -t2 -c"$CONNS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$path" | grep -E "Requests/sec|99%|Non-2xx|Socket errors"
done
echo "== /api/v2/summary.json, $CONNS connections, 20s; PostgreSQL stopped after 10 s"
wrk -t2 -c"$CONNS" -d20s --latency "http://127.0.0.1:$PORT/api/v2/summary.json" >/tmp/statusbench-wrk.txt &
bench=$!
sleep 10
pg_data="$(readlink -f .data/postgres)"
pg_ctl="$(ls /usr/lib/postgresql/*/bin/pg_ctl /usr/local/bin/pg_ctl 2>/dev/null | head -1)"
owner="$(stat -c %U "$pg_data")"
if [ "$(id -un)" = "$owner" ]; then "$pg_ctl" -D "$pg_data" -m immediate stop >/dev/null; else (cd / && runuser -u "$owner" -- "$pg_ctl" -D "$pg_data" -m immediate stop >/dev/null); fi
echo "PostgreSQL stopped at $(date +%T)"
wait $bench
grep -E "Requests/sec|99%|Non-2xx|Socket errors" /tmp/statusbench-wrk.txt || true
sleep 15 # past the snapshot's 30 s life: each request now finds it stale and a rebuild fails
echo "35 s after PostgreSQL stopped: /api/v2/summary.json answers $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v2/summary.json"), /status $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/status")"
