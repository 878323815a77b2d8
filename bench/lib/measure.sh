# Load runs of bench/run.sh: wrk against the service, pgbench against PostgreSQL, and the CPU
# time that each side used. Sourced, not run.
# Expects: repo_root, results_dir, pg_port, service_port, service_pid, warmup_seconds,
# duration_seconds, load_threads, load_connections.

# Results by "phase/scenario": requests/s, p50 and p99 in ms, non-2xx responses, socket errors,
# first non-2xx status, pgbench tx/s, pgbench failures, and CPU cores used during the wrk run.
declare -A result_rps result_p50 result_p99 result_non2xx result_socket_errors result_bad_status
declare -A result_pgbench_tps result_pgbench_failures
declare -A cpu_service cpu_postgres cpu_loadgen cpu_other

clock_ticks_per_second="$(getconf CLK_TCK)"

# User plus system CPU ticks of one process, 0 once it has exited.
process_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0
}

# Busy CPU ticks of the whole machine: all but idle and iowait.
machine_busy_ticks() {
  awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat
}

declare -A postgres_ticks_before
service_ticks_before=0
machine_ticks_before=0
sample_started_at=0

begin_cpu_sample() {
  postgres_ticks_before=()
  local pid
  for pid in $(postmaster_pid) $(pgrep -P "$(postmaster_pid)"); do
    postgres_ticks_before[$pid]="$(process_ticks "$pid")"
  done
  service_ticks_before="$(process_ticks "$service_pid")"
  machine_ticks_before="$(machine_busy_ticks)"
  sample_started_at="$(date +%s.%N)"
}

# Stores the cores used since begin_cpu_sample by the service, by PostgreSQL (postmaster and
# backends), by the load generator (its ticks given in $2) and by everything else on the machine.
# A backend that exits during the sample loses its ticks; the service keeps its pooled ones.
end_cpu_sample() {
  local key="$1" loadgen_ticks="$2"
  local pid postgres_ticks=0 now seconds
  seconds="$(awk -v start="$sample_started_at" -v end="$(date +%s.%N)" 'BEGIN { print end - start }')"
  for pid in $(postmaster_pid) $(pgrep -P "$(postmaster_pid)"); do
    now="$(process_ticks "$pid")"
    postgres_ticks=$((postgres_ticks + now - ${postgres_ticks_before[$pid]:-0}))
  done
  local service_ticks=$(($(process_ticks "$service_pid") - service_ticks_before))
  local machine_ticks=$(($(machine_busy_ticks) - machine_ticks_before))
  local other_ticks=$((machine_ticks - service_ticks - postgres_ticks - loadgen_ticks))
  ((other_ticks < 0)) && other_ticks=0
  local scale="$clock_ticks_per_second * $seconds"
  cpu_service[$key]="$(awk "BEGIN { printf \"%.2f\", $service_ticks / ($scale) }")"
  cpu_postgres[$key]="$(awk "BEGIN { printf \"%.2f\", $postgres_ticks / ($scale) }")"
  cpu_loadgen[$key]="$(awk "BEGIN { printf \"%.2f\", $loadgen_ticks / ($scale) }")"
  cpu_other[$key]="$(awk "BEGIN { printf \"%.2f\", $other_ticks / ($scale) }")"
}

# Converts the children's times that bash's `times` prints ("0m1.230s 0m0.450s") to ticks.
times_to_ticks() {
  awk -v hz="$clock_ticks_per_second" '
    { total = 0
      for (i = 1; i <= 2; i++) { split($i, part, /[ms]/); total += part[1] * 60 + part[2] }
      printf "%d", total * hz }'
}

# Runs one wrk scenario: a warm-up, then the measured run with --latency. The Lua done()
# prints the BENCH_RESULT line parsed here.
run_wrk() {
  local phase="$1" scenario="$2" data_dir="$3"
  local key="$phase/$scenario" raw="$results_dir/raw/wrk-$phase-$scenario.txt"
  local url="http://127.0.0.1:$service_port"
  local -a wrk_command=(wrk -t"$load_threads" -c"$load_connections" --timeout 10s -s "$repo_root/bench/wrk/$scenario.lua")
  export BENCH_DATA_DIR="$data_dir" BENCH_WRK_DIR="$repo_root/bench/wrk"

  note "wrk $scenario ($phase): ${warmup_seconds} s warm-up, ${duration_seconds} s measured"
  "${wrk_command[@]}" -d"${warmup_seconds}s" "$url" >"$results_dir/raw/wrk-$phase-$scenario-warmup.txt" 2>&1 \
    || die "wrk warm-up of $scenario failed; see $results_dir/raw/wrk-$phase-$scenario-warmup.txt"

  begin_cpu_sample
  # `times` in the subshell prints the CPU time of its children, which is wrk's.
  (
    "${wrk_command[@]}" -d"${duration_seconds}s" --latency "$url"
    times
  ) >"$raw" 2>&1 || die "wrk $scenario failed; see $raw"
  end_cpu_sample "$key" "$(tail -n 1 "$raw" | times_to_ticks)"

  local line
  line="$(grep '^BENCH_RESULT ' "$raw")" || die "wrk $scenario printed no BENCH_RESULT line; see $raw"
  result_rps[$key]="$(field_of "$line" rps)"
  result_p50[$key]="$(field_of "$line" p50_ms)"
  result_p99[$key]="$(field_of "$line" p99_ms)"
  result_non2xx[$key]="$(field_of "$line" non2xx)"
  result_socket_errors[$key]="$(field_of "$line" socket_errors)"
  result_bad_status[$key]="$(field_of "$line" first_bad_status)"
  note "   ${result_rps[$key]} requests/s, p50 ${result_p50[$key]} ms, p99 ${result_p99[$key]} ms, non-2xx ${result_non2xx[$key]}"
}

field_of() {
  sed -E "s/.* $2=([^ ]+).*/\1/" <<<"$1"
}

# Runs one pgbench script with prepared statements: a warm-up, then the measured run.
# The dataset.env of the seed gives the lookup-table sizes that the scripts draw from.
run_pgbench() {
  local phase="$1" scenario="$2" script="$3" database="$4" data_dir="$5"
  local key="$phase/$scenario" raw="$results_dir/raw/pgbench-$phase-$scenario.txt"
  # shellcheck disable=SC1091
  source "$data_dir/dataset.env"
  local -a pgbench_command=(
    pgbench -h 127.0.0.1 -p "$pg_port" -U external_connections -n -M prepared
    -c "$load_connections" -j "$load_threads"
    -D id_count="$ID_COUNT" -D workspace_count="$WORKSPACE_COUNT" -D deep_cursor_count="$DEEP_CURSOR_COUNT"
    -f "$repo_root/bench/pgbench/$script.sql"
  )

  note "pgbench $script ($phase): ${warmup_seconds} s warm-up, ${duration_seconds} s measured"
  PGPASSWORD=external_connections "${pgbench_command[@]}" -T "$warmup_seconds" "$database" \
    >"$results_dir/raw/pgbench-$phase-$scenario-warmup.txt" 2>&1 || true
  local status=0
  PGPASSWORD=external_connections "${pgbench_command[@]}" -T "$duration_seconds" "$database" >"$raw" 2>&1 || status=$?

  result_pgbench_tps[$key]="$(sed -n 's/^tps = \([0-9.]*\) (without initial connection time)$/\1/p' "$raw")"
  result_pgbench_failures[$key]="$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$raw")"
  if ((status != 0)) || grep -q 'Run was aborted' "$raw" || [[ -z "${result_pgbench_tps[$key]}" ]]; then
    result_pgbench_failures[$key]="aborted"
    note "   pgbench $script failed (exit $status); see $raw"
  else
    note "   ${result_pgbench_tps[$key]} tx/s, failed transactions ${result_pgbench_failures[$key]}"
  fi
}
