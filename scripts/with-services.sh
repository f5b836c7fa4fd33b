#!/usr/bin/env bash
# Runs a command with PostgreSQL and Redis available, then stops whatever this
# script started (and only that).
#
#   scripts/with-services.sh -- go test ./...
#
# DATABASE_URL / REDIS_URL, when set, are used as they are. Otherwise the script
# runs project-local servers with their data under .data/ (installing Debian's
# postgresql / redis-server packages first if their binaries are missing) and
# exports the URLs for the command. Servers that are already running (from an
# earlier `make run`, say) are reused and left running. FIREBREAK_NEED_BROWSER=1
# also installs Debian's chromium package when it is missing, and
# FIREBREAK_NEED_ALERTMANAGER=1 makes Prometheus Alertmanager's binary
# available (the tests start their own), FIREBREAK_NEED_HAPROXY=1 HAProxy's,
# FIREBREAK_NEED_PROMTOOL=1 promtool's (the metrics check).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA="${FIREBREAK_DATA_DIR:-$ROOT/.data}"
PG_PORT="${FIREBREAK_PG_PORT:-54329}"
REDIS_PORT="${FIREBREAK_REDIS_PORT:-63799}"
PG_USER=firebreak
PG_PASSWORD=firebreak

started_pg=""
started_redis=""
pg_bin=""
pg_os_user=""
pg_data=""

log() { printf 'services: %s\n' "$*" >&2; }

as_root() {
	if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
		log "need root to run: $*"; return 1
	fi
}

apt_install() {
	log "installing $* (apt-get)"
	export DEBIAN_FRONTEND=noninteractive
	# Debian's postgresql package would otherwise create (and, under systemd,
	# start) a system cluster of its own; we only want the binaries. The
	# package's createcluster.conf includes this folder.
	as_root mkdir -p /etc/postgresql-common/createcluster.d
	echo 'create_main_cluster = false' | as_root tee /etc/postgresql-common/createcluster.d/firebreak.conf >/dev/null
	as_root apt-get update -qq
	as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

find_pg_bin() {
	local d
	for d in /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && pg_bin="$d"
	done
	if [ -z "$pg_bin" ] && command -v initdb >/dev/null; then
		pg_bin="$(dirname "$(command -v initdb)")"
	fi
	[ -n "$pg_bin" ]
}

# PostgreSQL refuses to run as root, so as root the cluster belongs to an
# unprivileged user whose home for the data must be a folder it can enter
# (a clone under /root is not).
pick_pg_owner() {
	if [ "$(id -u)" -ne 0 ]; then
		pg_os_user="$(id -un)"
		pg_data="$DATA/postgres"
		return
	fi
	pg_os_user=postgres
	if ! id "$pg_os_user" >/dev/null 2>&1; then
		useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$pg_os_user"
	fi
	mkdir -p "$DATA"
	if runuser -u "$pg_os_user" -- test -x "$DATA" 2>/dev/null; then
		pg_data="$DATA/postgres"
	else
		# Keep the cluster where the postgres user can reach it and point
		# .data/postgres at it, so it is still "the project's data".
		local key
		key="$(printf '%s' "$ROOT" | sha256sum | cut -c1-12)"
		pg_data="/var/lib/postgresql/firebreak-$key"
		mkdir -p "$(dirname "$pg_data")"
		chown "$pg_os_user" "$(dirname "$pg_data")"
		ln -sfn "$pg_data" "$DATA/postgres"
	fi
}

as_pg() {
	if [ "$(id -un)" = "$pg_os_user" ]; then "$@"; else (cd / && runuser -u "$pg_os_user" -- "$@"); fi
}

pg_ready() { "$pg_bin/pg_isready" -q -h 127.0.0.1 -p "$PG_PORT" >/dev/null 2>&1; }

start_postgres() {
	find_pg_bin || apt_install postgresql
	find_pg_bin || { log "no PostgreSQL binaries after install"; exit 1; }
	if pg_ready; then
		log "PostgreSQL already running on 127.0.0.1:$PG_PORT, reusing it"
		return
	fi
	pick_pg_owner
	mkdir -p "$pg_data"
	[ "$(id -u)" -eq 0 ] && chown "$pg_os_user" "$pg_data" && chmod 700 "$pg_data"
	if [ ! -s "$pg_data/PG_VERSION" ]; then
		log "initialising a PostgreSQL cluster in $pg_data"
		local pwfile
		pwfile="$(mktemp)"
		echo "$PG_PASSWORD" >"$pwfile"
		chmod 644 "$pwfile"
		as_pg "$pg_bin/initdb" -D "$pg_data" -U "$PG_USER" --pwfile="$pwfile" \
			--auth-local=trust --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
		rm -f "$pwfile"
		cat >>"$pg_data/postgresql.conf" <<-EOF
			# firebreak local development cluster
			listen_addresses = '127.0.0.1'
			unix_socket_directories = ''
			max_connections = 400
			shared_buffers = 256MB
			# a crash may lose the last few commits, never corrupt: fine for dev
			synchronous_commit = off
			log_min_messages = warning
		EOF
	fi
	log "starting PostgreSQL on 127.0.0.1:$PG_PORT"
	as_pg "$pg_bin/pg_ctl" -D "$pg_data" -o "-p $PG_PORT" -l "$pg_data/server.log" -w -t 60 start >/dev/null
	started_pg=1
	local url="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/postgres?sslmode=disable"
	if ! psql_exec "$url" -tAc "SELECT 1 FROM pg_database WHERE datname='firebreak'" | grep -q 1; then
		psql_exec "$url" -qc "CREATE DATABASE firebreak"
	fi
}

psql_exec() {
	local url="$1"
	shift
	if [ -x "$pg_bin/psql" ]; then "$pg_bin/psql" "$url" "$@"; else psql "$url" "$@"; fi
}

stop_postgres() {
	[ -n "$started_pg" ] || return 0
	log "stopping PostgreSQL"
	as_pg "$pg_bin/pg_ctl" -D "$pg_data" -m fast -w stop >/dev/null || true
}

redis_ready() { redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }

start_redis() {
	command -v redis-server >/dev/null || apt_install redis-server
	if redis_ready; then
		log "Redis already running on 127.0.0.1:$REDIS_PORT, reusing it"
		return
	fi
	mkdir -p "$DATA/redis"
	log "starting Redis on 127.0.0.1:$REDIS_PORT"
	# Many logical databases so that parallel tests can each have their own.
	redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$DATA/redis" \
		--databases 1024 --appendonly yes --daemonize yes \
		--pidfile "$DATA/redis/redis.pid" --logfile "$DATA/redis/redis.log"
	local i
	for i in $(seq 1 100); do
		redis_ready && break
		sleep 0.1
	done
	redis_ready || { log "Redis did not start, see $DATA/redis/redis.log"; exit 1; }
	started_redis="$(cat "$DATA/redis/redis.pid")"
}

stop_redis() {
	[ -n "$started_redis" ] || return 0
	log "stopping Redis"
	kill "$started_redis" 2>/dev/null || true
	local i
	for i in $(seq 1 50); do
		kill -0 "$started_redis" 2>/dev/null || return 0
		sleep 0.1
	done
}

# The alerting tests start Alertmanagers of their own (own port and
# configuration) from Debian's prometheus-alertmanager package. It is
# installed, not unpacked: Debian's build reads its default notification
# template from /usr/share/prometheus/alertmanager. (Like redis-server's, the
# package starts a system-wide service where systemd runs; the tests never
# use it.)
need_alertmanager() {
	command -v prometheus-alertmanager >/dev/null || apt_install prometheus-alertmanager
}

cleanup() {
	stop_redis
	stop_postgres
}

[ "${1:-}" = "--" ] && shift
[ $# -gt 0 ] || { echo "usage: $0 -- command [args...]" >&2; exit 2; }

trap cleanup EXIT
# Until the command runs, a signal just ends us (and the EXIT trap stops what
# we started).
trap 'exit 130' INT
trap 'exit 143' TERM

if [ -z "${DATABASE_URL:-}" ]; then
	start_postgres
	export DATABASE_URL="postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$PG_PORT/firebreak?sslmode=disable"
fi
if [ -z "${REDIS_URL:-}" ]; then
	start_redis
	export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
fi
# The admin pages' browser test drives headless Chromium (`make test` asks).
if [ -n "${FIREBREAK_NEED_BROWSER:-}" ] && ! command -v chromium >/dev/null; then
	apt_install chromium
fi
if [ -n "${FIREBREAK_NEED_ALERTMANAGER:-}" ]; then
	need_alertmanager
fi
# The fault tests put HAProxy in front of API processes (`make faults` asks).
if [ -n "${FIREBREAK_NEED_HAPROXY:-}" ] && ! command -v haproxy >/dev/null && [ ! -x /usr/sbin/haproxy ]; then
	apt_install haproxy
fi
# promtool checks /metrics. It comes in Debian's prometheus package, whose
# server we do not want installed (it would start under systemd): the
# package is downloaded and only promtool taken from it, into .tools/.
if [ -n "${FIREBREAK_NEED_PROMTOOL:-}" ] && ! command -v promtool >/dev/null; then
	if [ ! -x "$ROOT/.tools/bin/promtool" ]; then
		log "fetching promtool (Debian's prometheus package, promtool only)"
		tmp=$(mktemp -d)
		chmod 755 "$tmp" # apt's download user writes there
		as_root apt-get update -qq
		(cd "$tmp" && apt-get download -qq prometheus >/dev/null)
		dpkg-deb -x "$tmp"/prometheus_*.deb "$tmp/x"
		mkdir -p "$ROOT/.tools/bin"
		cp "$tmp/x/usr/bin/promtool" "$ROOT/.tools/bin/promtool"
		rm -rf "$tmp"
	fi
	export PATH="$ROOT/.tools/bin:$PATH"
fi
# The client checks run real GraphQL clients and code generators from npm,
# pinned in clients/package-lock.json (`make test` asks).
if [ -n "${FIREBREAK_NEED_CLIENTS:-}" ]; then
	command -v npm >/dev/null || apt_install nodejs npm
	lock_sum=$(sha256sum "$ROOT/clients/package-lock.json" | cut -d' ' -f1)
	if [ "$(cat "$ROOT/clients/node_modules/.firebreak-lock" 2>/dev/null)" != "$lock_sum" ]; then
		echo "services: installing the client checks' npm packages (clients/)" >&2
		npm ci --prefix "$ROOT/clients" --no-audit --no-fund --loglevel=error >&2
		echo "$lock_sum" > "$ROOT/clients/node_modules/.firebreak-lock"
	fi
fi

# Not exec: the EXIT trap must stop the servers after the command ends. The
# command runs as our child, and SIGTERM or SIGINT sent to us (kill, a
# process manager, Ctrl-C) is passed on to it, so it shuts down cleanly
# before we stop the servers. (Ctrl-C also reaches it through the
# terminal's process group; Firebreak takes the second signal as the same
# request.) Its standard input stays ours: a background job's would be
# /dev/null.
set +e
"$@" <&0 &
child=$!
trap 'kill -TERM "$child" 2>/dev/null' TERM
trap 'kill -INT "$child" 2>/dev/null' INT
# wait returns early (128+signal) when a trapped signal arrives; the child
# may still be shutting down, and then its own status is what counts.
# Bash remembers a reaped child's status, so waiting again for one that is
# gone would return the same 128+signal forever: wait again only while it
# is alive.
wait "$child"
status=$?
while [ "$status" -gt 128 ] && kill -0 "$child" 2>/dev/null; do
	wait "$child"
	status=$?
done
if [ "$status" -gt 128 ]; then
	# The last wait may have been cut short by a signal just before the
	# child ended: its own status, if bash still has it, is what counts.
	wait "$child" 2>/dev/null
	own=$?
	[ "$own" -ne 127 ] && status=$own
fi
set -e
exit "$status"
