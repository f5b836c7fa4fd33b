#!/usr/bin/env bash
# Alerts in under load: a storm of 1,000 alerts in 10 groups through one
# Alertmanager webhook, then 100 webhooks a second for 30 s, against one
# server (API and its incident work) on its own database.
#
#   scripts/with-services.sh -- scripts/bench-alerts.sh
#
# Uses its own database (firebreak_alertbench) on the services' PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."
RATE="${RATE:-100}" DURATION="${DURATION:-30s}" PORT="${PORT:-18098}"
base="${DATABASE_URL%/*}"
query="${DATABASE_URL##*\?}"
psql "$base/postgres?$query" -qc "DROP DATABASE IF EXISTS firebreak_alertbench" -c "CREATE DATABASE firebreak_alertbench"
export DATABASE_URL="$base/firebreak_alertbench?$query"
go build -o bin/firebreak ./cmd/firebreak
bin/firebreak migrate up >/dev/null
key="$(bin/firebreak apikey create --name "Alert bench" --role ADMIN)"
FIREBREAK_ADDR="127.0.0.1:$PORT" FIREBREAK_RATE_LIMIT=off FIREBREAK_LOG_LEVEL=error bin/firebreak serve &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 100); do curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
bin/firebreak bench alerts --url "http://127.0.0.1:$PORT" --key "$key" --groups 10 --alerts 100 --waves 10 --rate "$RATE" --duration "$DURATION"
echo "stored: $(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM alert_payloads") notifications, $(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM alerts") alerts, $(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM incidents") incidents, $(psql "$DATABASE_URL" -tAc "SELECT count(*) FROM timeline_events WHERE kind LIKE 'ALERT_%'") alert timeline events"
