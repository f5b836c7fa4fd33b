#!/usr/bin/env bash
# Lighthouse scores of the console's incident list and an incident's page,
# as docs/benchmarks.md records them. Runs Firebreak (`firebreak all`, with
# the project's own PostgreSQL and Redis on side ports and a seeded
# history), signs a browser session in with a one-time link, and runs
# Lighthouse 12 (the last release that runs on Node 20) on Debian's
# Chromium with the session cookie. A measurement, not a test: make test
# does not run it.
#   scripts/lighthouse.sh            # prints performance and accessibility per page
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${LIGHTHOUSE_PORT:-18080}"
LH="$ROOT/.tools/lighthouse"
if [ ! -x "$LH/node_modules/.bin/lighthouse" ]; then
	echo "lighthouse: installing lighthouse@12.8.2 into .tools/lighthouse" >&2
	mkdir -p "$LH"
	npm install --prefix "$LH" --no-audit --no-fund --loglevel=error lighthouse@12.8.2 >&2
fi
cd "$ROOT"
go build -o bin/firebreak ./cmd/firebreak
export FIREBREAK_PG_PORT="${FIREBREAK_PG_PORT:-54369}" FIREBREAK_REDIS_PORT="${FIREBREAK_REDIS_PORT:-63839}"
export FIREBREAK_DATA_DIR="${FIREBREAK_DATA_DIR:-$ROOT/.data/lighthouse}"
# A fresh database every run: the seed adds to what is there, and a bigger
# history (with more reminders going out) is another measurement.
rm -rf "$FIREBREAK_DATA_DIR"
export FIREBREAK_ADDR="127.0.0.1:$PORT" FIREBREAK_PUBLIC_URL="http://127.0.0.1:$PORT" FIREBREAK_WORKER_METRICS_ADDR="127.0.0.1:0"
scripts/with-services.sh -- bash -c '
	set -euo pipefail
	bin/firebreak migrate up >/dev/null
	bin/firebreak seed --incidents 2000 >/dev/null 2>&1
	bin/firebreak all > /tmp/firebreak-lighthouse.log 2>&1 &
	server=$!
	trap "kill $server 2>/dev/null; wait $server 2>/dev/null" EXIT
	for _ in $(seq 1 100); do curl -fs "$FIREBREAK_PUBLIC_URL/healthz" >/dev/null 2>&1 && break; sleep 0.2; done
	bin/firebreak apikey create --name Lighthouse --role ADMIN --email lighthouse@firebreak.local >/dev/null
	link=$(bin/firebreak signin-link --email lighthouse@firebreak.local)
	token=${link#*#}
	cookie=$(curl -fs -D - -o /dev/null -H "Origin: $FIREBREAK_PUBLIC_URL" -H "Content-Type: application/json" \
		-d "{\"token\": \"$token\"}" "$FIREBREAK_PUBLIC_URL/auth/link" | sed -n "s/^[Ss]et-[Cc]ookie: \(firebreak_session=[^;]*\).*/\1/p")
	number=$(curl -fs -H "Authorization: Bearer $(bin/firebreak apikey create --name lighthouse --role VIEWER)" -H "Content-Type: application/json" \
		-d "{\"query\": \"{ incidents(first: 1) { nodes { number } } }\"}" "$FIREBREAK_PUBLIC_URL/graphql" | sed -n "s/.*\"number\":\([0-9]*\).*/\1/p")
	for page in / "/incidents/$number"; do
		out=$(mktemp)
		"'"$LH"'/node_modules/.bin/lighthouse" "$FIREBREAK_PUBLIC_URL$page" --quiet --output=json --output-path="$out" \
			--only-categories=performance,accessibility,best-practices --chrome-path=/usr/bin/chromium \
			--chrome-flags="--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --no-first-run --user-data-dir=$(mktemp -d)" \
			--extra-headers="{\"Cookie\": \"$cookie\"}" >/dev/null 2>&1
		node -e "const r = JSON.parse(require(\"fs\").readFileSync(process.argv[1], \"utf8\")); const c = r.categories; console.log(process.argv[2].padEnd(16), \"→\", new URL(r.finalDisplayedUrl).pathname, \"performance\", Math.round(c.performance.score*100), \"accessibility\", Math.round(c.accessibility.score*100), \"best practices\", Math.round(c[\"best-practices\"].score*100), \"FCP\", r.audits[\"first-contentful-paint\"].displayValue, \"LCP\", r.audits[\"largest-contentful-paint\"].displayValue, \"TBT\", r.audits[\"total-blocking-time\"].displayValue)" "$out" "$page"
	done
'
