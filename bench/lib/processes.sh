# Helpers of bench/run.sh for tools, PostgreSQL and the service. Sourced, not run.
# Expects: repo_root, work_dir, results_dir, pg_port, pg_data, service_port, connection_options.

log() { printf '\n== %s\n' "$*" >&2; }
note() { printf '   %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages of missing tools when running as root with apt-get; otherwise
# names the packages to install.
ensure_tools() {
  local missing_packages=()
  command -v wrk >/dev/null 2>&1 || missing_packages+=(wrk)
  command -v curl >/dev/null 2>&1 || missing_packages+=(curl)
  if ! command -v pgbench >/dev/null 2>&1 || ! command -v psql >/dev/null 2>&1; then
    missing_packages+=(postgresql postgresql-contrib)
  fi
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is missing: install the .NET 10 SDK and run again."
  [[ ${#missing_packages[@]} -eq 0 ]] && return 0

  if [[ "$(id -u)" != 0 ]] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing tools: install the Debian packages ${missing_packages[*]} (sudo apt-get install -y ${missing_packages[*]}) and run again."
  fi
  log "Installing ${missing_packages[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing_packages[@]}" >/dev/null
}

# The cluster of scripts/local-postgres.sh, on the benchmark's own port and data folder.
postgres_script() {
  EXTERNALCONNECTIONS_PG_PORT="$pg_port" EXTERNALCONNECTIONS_PG_DATA="$pg_data" "$repo_root/scripts/local-postgres.sh" "$@"
}

connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Database=%s;Username=external_connections;Password=external_connections' "$pg_port" "$1"
}

run_psql() {
  PGPASSWORD=external_connections psql -h 127.0.0.1 -p "$pg_port" -U external_connections -v ON_ERROR_STOP=1 -X -q "$@"
}

database_exists() {
  [[ "$(run_psql -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$1'")" == 1 ]]
}

recreate_database() {
  run_psql -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

postmaster_pid() {
  head -n 1 "$pg_data/data/postmaster.pid"
}

service_pid=""

# An administrator's token for every request the benchmark sends (curl here, wrk via BENCH_TOKEN).
BENCH_TOKEN="$("$repo_root/scripts/dev-token.sh" --admin --subject bench --minutes 720)"
export BENCH_TOKEN

# curl with the benchmark's token.
api_curl() {
  curl -H "Authorization: Bearer $BENCH_TOKEN" "$@"
}

# Starts the published service against a database and waits until /health/ready returns 200,
# which happens after it has applied its migrations. Extra arguments are NAME=VALUE settings.
start_service() {
  local name="$1" database="$2"
  shift 2
  local service_log="$results_dir/service-$name.log"
  if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$service_port/health/live"; then
    die "a process already responds to HTTP on 127.0.0.1:$service_port: stop it or set BENCH_SERVICE_PORT."
  fi

  (
    cd "$work_dir/publish/api"
    # Development, so that the service accepts tokens from scripts/dev-token.sh; nothing else the
    # service does changes with the environment except the CORS origins. All load comes from one
    # caller, so the per-caller rate limit is off.
    exec env ASPNETCORE_URLS="http://127.0.0.1:$service_port" ASPNETCORE_ENVIRONMENT=Development \
      RateLimiting__Enabled=false \
      ConnectionStrings__Postgres="$(connection_string "$database")${connection_options:+;$connection_options}" \
      "$@" dotnet ExternalConnections.Api.dll
  ) >"$service_log" 2>&1 &
  service_pid=$!

  local attempt
  for attempt in $(seq 1 120); do
    if ! kill -0 "$service_pid" 2>/dev/null; then
      service_pid=""
      tail -n 20 "$service_log" >&2
      die "the service exited during start-up; its log is $service_log."
    fi
    if [[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$service_port/health/ready")" == 200 ]]; then
      note "service $name (pid $service_pid) is ready on 127.0.0.1:$service_port, database $database"
      return 0
    fi
    sleep 0.5
  done
  die "the service was not ready after 60 s; its log is $service_log."
}

stop_service() {
  [[ -n "$service_pid" ]] || return 0
  kill -TERM "$service_pid" 2>/dev/null || true
  wait "$service_pid" 2>/dev/null || true
  service_pid=""
}

# Peak resident set size (VmHWM) of the running service, in MiB.
service_peak_rss_mib() {
  awk '/^VmHWM:/ { printf "%.0f", $2 / 1024 }' "/proc/$service_pid/status"
}
