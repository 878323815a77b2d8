#!/usr/bin/env bash
# Runs a PostgreSQL cluster for this project from the machine's PostgreSQL binaries, with its
# data under .local/postgres (ignored by git) and its own port, for machines without Docker.
#
#   scripts/local-postgres.sh start               create the cluster if needed, start it, wait until ready
#   scripts/local-postgres.sh stop                stop it
#   scripts/local-postgres.sh status              say whether it runs
#   scripts/local-postgres.sh connection-string   print the application's connection string
#
# Settings (environment):
#   EXTERNALCONNECTIONS_PG_PORT   TCP port on 127.0.0.1 (default 55432)
#   EXTERNALCONNECTIONS_PG_DATA   cluster directory (default <repo>/.local/postgres)
#   EXTERNALCONNECTIONS_PG_NO_INSTALL=1   never install the postgresql package
#
# As root, the cluster runs as the 'postgres' user, because PostgreSQL refuses to run as root.
# When PostgreSQL is missing and the script runs as root with apt-get, it installs Debian's
# postgresql package.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${EXTERNALCONNECTIONS_PG_PORT:-55432}"
data_root="${EXTERNALCONNECTIONS_PG_DATA:-$repo_root/.local/postgres}"
data_dir="$data_root/data"
log_file="$data_root/postgres.log"

# The application's role and database; a development cluster on loopback only.
app_user="external_connections"
app_password="external_connections"
app_database="external_connections"

log() { printf 'local-postgres: %s\n' "$*" >&2; }

find_bin_dir() {
  local candidate
  if command -v pg_config >/dev/null 2>&1; then
    candidate="$(pg_config --bindir)"
    [[ -x "$candidate/initdb" ]] && { echo "$candidate"; return 0; }
  fi
  candidate="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
  [[ -n "$candidate" && -x "$candidate/initdb" ]] && { echo "$candidate"; return 0; }
  return 1
}

install_postgres() {
  if [[ "${EXTERNALCONNECTIONS_PG_NO_INSTALL:-0}" == 1 ]]; then
    log "PostgreSQL is not installed and EXTERNALCONNECTIONS_PG_NO_INSTALL=1 forbids installing it."
    exit 1
  fi
  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    log "PostgreSQL is not installed. Install it (Debian: sudo apt-get install -y postgresql) and run again."
    exit 1
  fi
  log "PostgreSQL is not installed: installing Debian's postgresql package."
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
}

# Runs a PostgreSQL program as the cluster's owner.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

ensure_reachable_by_owner() {
  [[ "$(id -u)" == 0 ]] || return 0
  mkdir -p "$data_root"
  chown postgres:postgres "$data_root"
  if ! runuser -u postgres -- test -w "$data_root"; then
    log "The postgres user cannot reach $data_root (a parent folder is private)."
    log "Set EXTERNALCONNECTIONS_PG_DATA to a folder it can reach, such as /var/tmp/external-connections-postgres."
    exit 1
  fi
}

init_cluster() {
  local bin_dir="$1" password_file
  log "Creating a cluster in $data_dir"
  password_file="$(mktemp)"
  printf '%s\n' "$app_password" >"$password_file"
  chmod 644 "$password_file"
  as_owner "$bin_dir/initdb" --pgdata="$data_dir" --username="$app_user" --pwfile="$password_file" \
    --auth-local=scram-sha-256 --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$password_file"
  cat >>"$data_dir/postgresql.conf" <<CONF

# Set by scripts/local-postgres.sh
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = ''
max_connections = 200
shared_buffers = 256MB
CONF
}

is_running() {
  local bin_dir="$1"
  [[ -f "$data_dir/PG_VERSION" ]] && as_owner "$bin_dir/pg_ctl" status --pgdata="$data_dir" >/dev/null 2>&1
}

start() {
  local bin_dir
  bin_dir="$(find_bin_dir)" || { install_postgres; bin_dir="$(find_bin_dir)"; }
  ensure_reachable_by_owner
  mkdir -p "$data_root"
  [[ -f "$data_dir/PG_VERSION" ]] || init_cluster "$bin_dir"

  if is_running "$bin_dir"; then
    log "Already running on 127.0.0.1:$port"
  else
    as_owner "$bin_dir/pg_ctl" start --pgdata="$data_dir" --log="$log_file" --wait --timeout=60 >/dev/null
    log "Started on 127.0.0.1:$port (log: $log_file)"
  fi

  local exists
  exists="$(PGPASSWORD="$app_password" "$bin_dir/psql" -h 127.0.0.1 -p "$port" -U "$app_user" -d postgres -Atqc \
    "SELECT 1 FROM pg_database WHERE datname = '$app_database'")"
  if [[ "$exists" != 1 ]]; then
    PGPASSWORD="$app_password" "$bin_dir/createdb" -h 127.0.0.1 -p "$port" -U "$app_user" "$app_database"
    log "Created database $app_database"
  fi
}

stop() {
  local bin_dir
  bin_dir="$(find_bin_dir)" || { log "PostgreSQL is not installed."; return 0; }
  if is_running "$bin_dir"; then
    as_owner "$bin_dir/pg_ctl" stop --pgdata="$data_dir" --mode=fast --wait >/dev/null
    log "Stopped"
  else
    log "Not running"
  fi
}

status() {
  local bin_dir
  bin_dir="$(find_bin_dir)" || { log "PostgreSQL is not installed."; return 1; }
  if is_running "$bin_dir"; then log "Running on 127.0.0.1:$port"; else log "Not running"; return 1; fi
}

connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=%s;Password=%s\n' "$port" "$app_database" "$app_user" "$app_password"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  connection-string) connection_string ;;
  *) echo "usage: $0 start|stop|status|connection-string" >&2; exit 2 ;;
esac
