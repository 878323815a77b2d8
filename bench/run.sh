#!/usr/bin/env bash
# Benchmarks the service on loopback: HTTP load with wrk against the published service, and the
# ceiling of the same SQL with pgbench against the same PostgreSQL database. See bench/README.md.
#
#   bench/run.sh [all|main|sizes]
#     all    (default) capture the SQL, run the five scenarios at 1,000,000 records, and compare
#            GET by id and the list page at 10,000 records with the same at 1,000,000
#     main   capture the SQL and run the five scenarios at 1,000,000 records
#     sizes  only the comparison of GET by id and the list page at 10,000 and 1,000,000 records
#
# It starts its own PostgreSQL cluster with scripts/local-postgres.sh (its own port and data
# folder), creates fresh databases, publishes the service in Release, seeds with binary COPY,
# runs the load and writes bench/results/latest.md.
#
# Settings (environment):
#   EXTERNALCONNECTIONS_PG_PORT   PostgreSQL port (default 55450; 55432, the development cluster's, is rejected)
#   EXTERNALCONNECTIONS_PG_DATA   cluster folder (default <repo>/.local/bench-postgres)
#   BENCH_SERVICE_PORT            service port on 127.0.0.1 (default 55451)
#   BENCH_WARMUP_SECONDS          warm-up before each measured run (default 5)
#   BENCH_DURATION_SECONDS        measured run per scenario (default 10)
#   BENCH_ROWS                    records of the large data set (default 1000000)
#   BENCH_SMALL_ROWS              records of the small data set (default 10000)
#   BENCH_SCENARIOS               scenarios of the large phase, space-separated (default all five:
#                                 get-by-id list-page deep-cursor create patch-label)
#   BENCH_CONNECTION_OPTIONS      Npgsql settings appended to the service's connection string,
#                                 for experiments, such as 'Write Buffer Size=16384'. The service's
#                                 Database section replaces timeouts, pool size, auto-prepare and
#                                 reset on close: set those as Database__* variables instead
#   BENCH_REUSE_DATA=1            keep seeded databases from an earlier run instead of seeding again
#   BENCH_KEEP_POSTGRES=1         leave the cluster running at the end
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo_root"

mode="${1:-all}"
case "$mode" in
  all | main | sizes) ;;
  -h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
  *) echo "usage: bench/run.sh [all|main|sizes]" >&2; exit 2 ;;
esac
for scenario in ${BENCH_SCENARIOS:-}; do
  [[ "$scenario" != common && -f "$repo_root/bench/wrk/$scenario.lua" ]] \
    || { echo "bench: unknown scenario '$scenario' in BENCH_SCENARIOS; see bench/wrk/*.lua" >&2; exit 2; }
done

pg_port="${EXTERNALCONNECTIONS_PG_PORT:-55450}"
pg_data="${EXTERNALCONNECTIONS_PG_DATA:-$repo_root/.local/bench-postgres}"
service_port="${BENCH_SERVICE_PORT:-55451}"
warmup_seconds="${BENCH_WARMUP_SECONDS:-5}"
duration_seconds="${BENCH_DURATION_SECONDS:-10}"
large_rows="${BENCH_ROWS:-1000000}"
small_rows="${BENCH_SMALL_ROWS:-10000}"
connection_options="${BENCH_CONNECTION_OPTIONS:-}"
large_scenarios="${BENCH_SCENARIOS:-get-by-id list-page deep-cursor create patch-label}"
reuse_data="${BENCH_REUSE_DATA:-0}"
keep_postgres="${BENCH_KEEP_POSTGRES:-0}"
load_threads=2
load_connections=16
work_dir="$repo_root/.local/bench"
results_dir="$repo_root/bench/results"
api_path="/api/v1/external-connections"

# shellcheck source=bench/lib/processes.sh
source "$repo_root/bench/lib/processes.sh"
# shellcheck source=bench/lib/measure.sh
source "$repo_root/bench/lib/measure.sh"
# shellcheck source=bench/lib/report.sh
source "$repo_root/bench/lib/report.sh"

if [[ "$pg_port" == 55432 ]]; then
  die "EXTERNALCONNECTIONS_PG_PORT=55432 is the development cluster's port; the benchmark needs its own (default 55450)."
fi

started_postgres=0
cleanup() {
  stop_service
  if [[ "$started_postgres" == 1 && "$keep_postgres" != 1 ]]; then
    postgres_script stop || true
  fi
}
trap cleanup EXIT

build() {
  log "Publishing the service in Release and building the seeder"
  dotnet publish src/ExternalConnections.Api -c Release -o "$work_dir/publish/api" --nologo -v quiet \
    >"$results_dir/raw/build.log" 2>&1 || die "publishing the service failed; see $results_dir/raw/build.log"
  dotnet publish bench/ExternalConnections.Bench -c Release -o "$work_dir/publish/seeder" --nologo -v quiet \
    >>"$results_dir/raw/build.log" 2>&1 || die "building the seeder failed; see $results_dir/raw/build.log"
}

# Leaves the service running against a seeded database: a fresh one, migrated by the service and
# seeded with binary COPY, or with BENCH_REUSE_DATA=1 one that an earlier run seeded with as many records.
prepare_database() {
  local name="$1" database="$2" rows="$3" data_dir="$4"
  if [[ "$reuse_data" == 1 ]] && database_exists "$database" && [[ -f "$data_dir/dataset.env" ]] \
    && grep -qx "RECORD_COUNT=$rows" "$data_dir/dataset.env"; then
    log "Reusing database $database with $(format_number "$rows") records (BENCH_REUSE_DATA=1)"
    start_service "$name" "$database"
    return 0
  fi

  log "Creating database $database and seeding $(format_number "$rows") records"
  recreate_database "$database"
  start_service "$name" "$database"
  if ! dotnet "$work_dir/publish/seeder/ExternalConnections.Bench.dll" seed \
    --connection "$(connection_string "$database")" --rows "$rows" --out "$data_dir" \
    2>&1 | tee "$results_dir/raw/seed-$name.txt" | sed 's/^/   /' >&2; then
    die "seeding $database failed; see $results_dir/raw/seed-$name.txt"
  fi
}

# Sends one request of each scenario to a service that logs EF Core's commands, against a database
# that logs every statement it receives, and writes both logs per request to captured-sql.md.
capture_sql() {
  log "Capturing the SQL of one request per scenario"
  local database=bench_capture output="$results_dir/captured-sql.md"
  recreate_database "$database"
  run_psql -d postgres -c "ALTER DATABASE $database SET log_statement = 'all'"
  start_service capture "$database" 'Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore.Database.Command=Information'

  local base="http://127.0.0.1:$service_port$api_path" body
  body='{"provider":"slack","connectionType":"bot_token","workspaceId":"ws-capture","visibilityMode":"workspace_local","label":"Capture","scopesJson":["chat:write"],"configurationJson":{"channel":"#alerts","retry":{"maxAttempts":3}}}'
  {
    echo "# SQL per scenario"
    echo
    echo "One request of each scenario, with EF Core's command log"
    echo "(Microsoft.EntityFrameworkCore.Database.Command=Information) and PostgreSQL's log_statement=all."
    echo "The service's request-logging middleware and connection pool (Npgsql) are as in production."
  } >"$output"

  # Two records first, so that the list has a next page and a cursor.
  api_curl -s -o /dev/null -X POST "$base" -H 'Content-Type: application/json' -d "$body"
  api_curl -s -o /dev/null -X POST "$base" -H 'Content-Type: application/json' -d "$body"
  capture_request "POST new record" "$output" -X POST "$base" -H 'Content-Type: application/json' -d "$body"
  local id cursor
  id="$(sed -nE 's/^\{"id":"([^"]+)".*/\1/p' "$work_dir/capture-response.json")"
  [[ -n "$id" ]] || die "the capture POST returned no id; see $work_dir/capture-response.json"
  capture_request "GET one record by id" "$output" "$base/$id"
  capture_request "GET list page, first page" "$output" "$base?workspaceId=ws-capture&limit=50"
  cursor="$(api_curl -s "$base?workspaceId=ws-capture&limit=1" | sed -nE 's/.*"nextCursor":"([^"]+)".*/\1/p')"
  [[ -n "$cursor" ]] || die "the capture list page returned no nextCursor."
  capture_request "GET list page through a cursor" "$output" "$base?workspaceId=ws-capture&limit=50&cursor=$cursor"
  capture_request "PATCH label" "$output" -X PATCH "$base/$id" -H 'Content-Type: application/merge-patch+json' -d '{"label":"Renamed"}'
  stop_service
  note "wrote $output"
}

capture_request() {
  local title="$1" output="$2"
  shift 2
  local service_log="$results_dir/service-capture.log" postgres_log="$pg_data/postgres.log"
  local service_offset postgres_offset status
  service_offset="$(stat -c %s "$service_log")"
  postgres_offset="$(stat -c %s "$postgres_log")"
  status="$(api_curl -s -o "$work_dir/capture-response.json" -w '%{http_code}' "$@")"
  sleep 0.5
  {
    printf '\n## %s (HTTP %s)\n\n### EF Core command log\n\n```\n' "$title" "$status"
    tail -c +"$((service_offset + 1))" "$service_log"
    printf '```\n\n### Statements PostgreSQL received\n\n```\n'
    tail -c +"$((postgres_offset + 1))" "$postgres_log"
    printf '```\n'
  } >>"$output"
}

# Requests the first deep cursor with curl and checks that the page starts at the record that
# the seeder found 10,001st in the workspace.
verify_deep_cursor() {
  local data_dir="$1" workspace cursor expected_id url response status first_id
  IFS=$'\t' read -r workspace cursor expected_id <"$data_dir/deep-cursors.tsv"
  url="http://127.0.0.1:$service_port$api_path?workspaceId=$workspace&limit=50&cursor=$cursor"
  note "checking a deep cursor: curl '$url'"
  response="$(api_curl -s -w '\n%{http_code}' "$url")"
  status="$(tail -n 1 <<<"$response")"
  [[ "$status" == 200 ]] || die "the service returned HTTP $status for the deep cursor: $(head -c 500 <<<"$response")"
  first_id="$(head -n 1 <<<"$response" | sed -nE 's/^\{"items":\[\{"id":"([^"]+)".*/\1/p')"
  [[ "$first_id" == "$expected_id" ]] || die "the deep page starts at $first_id, expected $expected_id."
  note "   HTTP 200, the page starts at $first_id as expected"
}

explain_queries() {
  local database="$1"
  run_psql -d "$database" -f bench/sql/explain-list-page.sql >"$results_dir/explain-list-page.txt"
  run_psql -d "$database" -f bench/sql/explain-deep-cursor.sql >"$results_dir/explain-deep-cursor.txt"
  plan_check_list="$(check_plan "$results_dir/explain-list-page.txt")"
  plan_check_deep="$(check_plan "$results_dir/explain-deep-cursor.txt")"
  note "plans: list page $plan_check_list, deep cursor $plan_check_deep"
}

# Summarises a plan: the index it scans, the rows its filter discarded, and whether it sorts.
# The target is a backward scan of the workspace index with nothing discarded and no Sort.
check_plan() {
  local index removed verdict=ok
  index="$(sed -nE 's/.*Index (Only )?Scan( Backward)? using ([a-z_]+) .*/\3/p' "$1" | head -n 1)"
  removed="$(sed -nE 's/.*Rows Removed by Filter: ([0-9]+).*/\1/p' "$1" | head -n 1)"
  if grep -qE '(^|-> +)(Incremental )?Sort ' "$1" || [[ "$index" != ix_external_connections_workspace_id_created_at_id ]]; then
    verdict=FAILED
  fi
  echo "$verdict: scans ${index:-no index}, filter discarded ${removed:-0} rows, $(grep -qE '(^|-> +)(Incremental )?Sort ' "$1" && echo sorts || echo 'no Sort')"
}

# Summarises the error lines of a service log: each distinct message, with timings and trace
# ids removed, its count, and the exception type on the next line when there is one.
summarise_service_errors() {
  awk '
    pending != "" {
      if ($0 ~ /^[A-Za-z.]+Exception/) { split($0, parts, ":"); pending = pending " (" parts[1] ")" }
      counts[pending]++; pending = ""
    }
    /^\[[0-9:.]+ (ERR|FTL)\]/ {
      message = $0
      sub(/^\[[^]]*\] /, "", message)
      if (match(message, / [0-9a-f]+$/) && RLENGTH == 33) message = substr(message, 1, RSTART - 1)
      gsub(/in [0-9.]+ ms/, "in … ms", message)
      pending = message
    }
    END {
      if (pending != "") counts[pending]++
      for (message in counts) { total += counts[message]; list = list sprintf("%s%d × %s", (list == "" ? "" : "; "), counts[message], message) }
      printf "%d%s\n", total, (total ? ": " list : "")
    }' "$results_dir/service-$1.log"
}

run_small_phase() {
  local database=bench_small data_dir="$work_dir/data-$small_rows" scenario
  prepare_database small "$database" "$small_rows" "$data_dir"
  log "Load at $(format_number "$small_rows") records"
  for scenario in get-by-id list-page; do
    run_wrk small "$scenario" "$data_dir"
    run_pgbench small "$scenario" "$scenario" "$database" "$data_dir"
  done
  small_peak_rss_mib="$(service_peak_rss_mib)"
  stop_service
}

run_large_phase() {
  local database=bench data_dir="$work_dir/data-$large_rows" scenario
  local -a scenarios
  read -r -a scenarios <<<"$large_scenarios"
  [[ "$mode" == sizes ]] && scenarios=(get-by-id list-page)
  prepare_database large "$database" "$large_rows" "$data_dir"
  [[ "$mode" == sizes ]] || verify_deep_cursor "$data_dir"
  log "Load at $(format_number "$large_rows") records"
  for scenario in "${scenarios[@]}"; do
    run_wrk large "$scenario" "$data_dir"
    run_pgbench large "$scenario" "$scenario" "$database" "$data_dir"
    if [[ "$scenario" == patch-label ]]; then
      run_pgbench large patch-label-as-sent patch-label-as-sent "$database" "$data_dir"
    fi
  done
  peak_rss_mib="$(service_peak_rss_mib)"
  service_error_lines="$(summarise_service_errors large)"
  [[ "$mode" == sizes ]] || explain_queries "$database"
  stop_service
}

run_started_at="$(date -u '+%Y-%m-%d %H:%M')"
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
peak_rss_mib="" small_peak_rss_mib="" service_error_lines="" plan_check_list="" plan_check_deep=""

ensure_tools
mkdir -p "$results_dir/raw" "$work_dir"
rm -f "$results_dir"/raw/*.txt "$results_dir"/service-*.log

log "PostgreSQL on 127.0.0.1:$pg_port, data in $pg_data"
postgres_script status >/dev/null 2>&1 || started_postgres=1
postgres_script start
build

case "$mode" in
  all) capture_sql; run_small_phase; run_large_phase ;;
  main) capture_sql; run_large_phase ;;
  sizes) run_small_phase; run_large_phase ;;
esac

log "Results (also in bench/results/latest.md)"
write_report
