#!/usr/bin/env bash
# Runs one of the console's npm scripts (web/package.json) with the
# packages pinned in web/package-lock.json, installed with `npm ci` when the
# lockfile changed since the last install:
#   scripts/console.sh build   # type check, then Vite into internal/console/dist
#   scripts/console.sh check   # type check and the console's own tests
# `make run` needs none of this: the built console is committed and
# embedded in the binary. `make check` rebuilds it and fails when the
# result differs from what is committed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v npm >/dev/null; then
	echo "console: installing nodejs and npm (apt-get)" >&2
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo=sudo
	DEBIAN_FRONTEND=noninteractive $sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
lock_sum=$(sha256sum "$ROOT/web/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$ROOT/web/node_modules/.firebreak-lock" 2>/dev/null)" != "$lock_sum" ]; then
	echo "console: installing the console's npm packages (web/)" >&2
	npm ci --prefix "$ROOT/web" --no-audit --no-fund --loglevel=error >&2
	echo "$lock_sum" > "$ROOT/web/node_modules/.firebreak-lock"
fi
cd "$ROOT/web"
case "${1:-}" in
build) npm run --silent codegen >/dev/null && npm run --silent build ;;
check) npm run --silent check ;;
*) echo "usage: scripts/console.sh build|check" >&2; exit 2 ;;
esac
