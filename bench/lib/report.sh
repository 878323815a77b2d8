# The results page of bench/run.sh: tables, targets and the machine. Sourced, not run.
# Expects the results of measure.sh and: mode, results_dir, large_rows, small_rows, peak_rss_mib,
# small_peak_rss_mib, service_error_lines, plan_check_list, plan_check_deep, run_started_at,
# load_before, connection_options, warmup_seconds, duration_seconds, load_threads, load_connections.

declare -A scenario_titles=(
  [get-by-id]="GET one record by id"
  [list-page]="GET list page of 50, first page"
  [deep-cursor]="GET list page of 50, cursor 10,000 deep"
  [create]="POST new record"
  [patch-label]="PATCH label"
)

# Formats a number with thousands separators and the given decimals.
format_number() {
  awk -v value="$1" -v decimals="${2:-0}" 'BEGIN {
    text = sprintf("%." decimals "f", value)
    split(text, parts, ".")
    whole = parts[1]; out = ""
    while (length(whole) > 3) { out = "," substr(whole, length(whole) - 2) out; whole = substr(whole, 1, length(whole) - 3) }
    out = whole out
    if (decimals > 0) out = out "." parts[2]
    print out }'
}

# Lists the inherited runtime and service settings (DOTNET_gcServer, Serilog__…), or "none".
# The SDK's DOTNET_CLI_* and similar variables do not change the published service.
service_environment() {
  local settings
  settings="$(env | grep -E '^(DOTNET_|Serilog__|Database__|Kestrel__)' \
    | grep -vE '^DOTNET_(CLI_|NOLOGO|GENERATE_ASPNET_CERTIFICATE|SKIP_FIRST_TIME|ROOT)' | sort | tr '\n' ' ' || true)"
  echo "${settings:-none}" | sed 's/ $//'
}

# Returns 0 when the awk condition over a and b holds.
compare() {
  awk -v a="$1" -v b="$2" "BEGIN { exit !($3) }"
}

ratio_percent() {
  local key="$1" tps="${result_pgbench_tps[$1]:-}"
  if [[ -z "$tps" || "${result_pgbench_failures[$key]:-}" == aborted ]]; then
    echo "n/a"
  else
    awk -v rps="${result_rps[$key]}" -v tps="$tps" 'BEGIN { printf "%.0f%%", 100 * rps / tps }'
  fi
}

non2xx_cell() {
  local key="$1"
  if [[ "${result_non2xx[$key]}" == 0 && "${result_socket_errors[$key]}" == 0 ]]; then
    echo 0
  else
    echo "**${result_non2xx[$key]} FLAGGED** (first status ${result_bad_status[$key]}, socket errors ${result_socket_errors[$key]})"
  fi
}

pgbench_cell() {
  local key="$1"
  if [[ "${result_pgbench_failures[$key]:-}" == aborted ]]; then
    echo "**aborted**"
  elif [[ -n "${result_pgbench_tps[$key]:-}" ]]; then
    local cell
    cell="$(format_number "${result_pgbench_tps[$key]}")"
    [[ "${result_pgbench_failures[$key]}" == 0 ]] || cell="$cell (**${result_pgbench_failures[$key]} failed**)"
    echo "$cell"
  else
    echo "not run"
  fi
}

scenario_row() {
  local key="$1" title="$2"
  printf '| %s | %s | %s ms | %s ms | %s | %s | %s |\n' "$title" \
    "$(format_number "${result_rps[$key]}")" "$(format_number "${result_p50[$key]}" 2)" \
    "$(format_number "${result_p99[$key]}" 2)" "$(pgbench_cell "$key")" "$(ratio_percent "$key")" "$(non2xx_cell "$key")"
}

# Converts cores busy at a request rate to CPU microseconds per request.
cpu_per_request() {
  awk -v cores="$1" -v rps="$2" 'BEGIN { printf "%.0f µs", 1e6 * cores / rps }'
}

# Prints "MET" or "MISSED" for a condition given as a command.
verdict() {
  if "$@"; then echo MET; else echo MISSED; fi
}

targets_section() {
  local key scenario misses="" wide=""
  echo "## Targets"
  echo
  for scenario in get-by-id list-page deep-cursor create patch-label; do
    key="large/$scenario"
    [[ -n "${result_rps[$key]:-}" ]] || continue
    if [[ "$(ratio_percent "$key")" == n/a ]] || ! compare "${result_rps[$key]}" "${result_pgbench_tps[$key]}" 'a >= 0.5 * b'; then
      misses+=" ${key#large/} ($(ratio_percent "$key"))"
    fi
    if ! compare "${result_p99[$key]}" "${result_p50[$key]}" 'a <= 5 * b'; then
      wide+=" ${key#large/} ($(awk -v a="${result_p99[$key]}" -v b="${result_p50[$key]}" 'BEGIN { printf "%.1fx", a / b }'))"
    fi
  done

  echo "- Every scenario at least 50% of pgbench's rate: $( [[ -z "$misses" ]] && echo MET || echo "MISSED:$misses")."

  if [[ -n "${result_p50[large/deep-cursor]:-}" && -n "${result_p50[large/list-page]:-}" ]]; then
    local factor
    factor="$(awk -v a="${result_p50[large/deep-cursor]}" -v b="${result_p50[large/list-page]}" 'BEGIN { printf "%.2f", a / b }')"
    echo "- Deep-cursor page p50 within 1.2x of the first page's p50: $(verdict compare "$factor" 1.2 'a <= b') (${factor}x)."
  fi
  echo "- Peak RSS at most 150 MiB: $(verdict compare "$peak_rss_mib" 150 'a <= b') (${peak_rss_mib} MiB)."
  echo "- p99 at most 5x p50: $( [[ -z "$wide" ]] && echo MET || echo "MISSED:$wide")."

  if [[ -n "${result_rps[small/get-by-id]:-}" && -n "${result_rps[large/get-by-id]:-}" ]]; then
    local same="" scenario_key
    for scenario_key in get-by-id list-page; do
      if ! compare "${result_rps[large/$scenario_key]}" "${result_rps[small/$scenario_key]}" 'a >= 0.8 * b' \
        || ! compare "${result_p50[large/$scenario_key]}" "${result_p50[small/$scenario_key]}" 'a <= 1.2 * b'; then
        same+=" $scenario_key"
      fi
    done
    echo "- GET by id and list page the same at $(format_number "$small_rows") and $(format_number "$large_rows") records" \
      "(requests/s at least 80% and p50 at most 1.2x of the small table's): $( [[ -z "$same" ]] && echo MET || echo "MISSED:$same")."
  fi

  if [[ -n "${plan_check_list:-}" ]]; then
    echo "- Plans in the largest workspace walk (workspace_id, created_at, id) backwards with no Sort:" \
      "list page $plan_check_list; deep cursor $plan_check_deep (explain-list-page.txt, explain-deep-cursor.txt)."
  fi
  echo
}

write_report() {
  local report="$results_dir/latest.md" scenario key
  {
    echo "# Benchmark results"
    echo
    echo "- Date: $run_started_at (UTC). Mode: \`bench/run.sh $mode\`."
    echo "- Commit: $(git -C "$repo_root" rev-parse --short HEAD) on $(git -C "$repo_root" rev-parse --abbrev-ref HEAD)$(git -C "$repo_root" diff --quiet HEAD -- src || echo ', with uncommitted changes under src/')."
    echo "- Machine: $(nproc) cores, $(free -g | awk '/^Mem:/ { print $2 }') GiB memory (free -g), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r)."
    echo "- Load average (1, 5, 15 min) before the run: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg). Other work on the machine shares its cores."
    echo "- Load: wrk -t$load_threads -c$load_connections --latency, ${warmup_seconds} s warm-up then ${duration_seconds} s per scenario;" \
      "pgbench -M prepared -c $load_connections -j $load_threads, the same warm-up and duration, on the same database."
    echo "- Service connection options beyond the defaults: ${connection_options:-none}." \
      "Environment that the service inherits and reads: $(service_environment)."
    echo "- Numbers are from this single run, not medians."
    echo
    if [[ -n "${result_rps[large/get-by-id]:-}" ]]; then
      echo "## Scenarios at $(format_number "$large_rows") records"
      echo
      echo "| scenario | requests/s | p50 | p99 | pgbench tx/s | ratio to pgbench | non-2xx |"
      echo "|---|---:|---:|---:|---:|---:|---|"
      for scenario in get-by-id list-page deep-cursor create patch-label; do
        [[ -n "${result_rps[large/$scenario]:-}" ]] && scenario_row "large/$scenario" "${scenario_titles[$scenario]}"
      done
      echo
      echo "Peak RSS of the service (VmHWM of /proc/<pid>/status) after these scenarios: **${peak_rss_mib} MiB**."
      echo "Error lines in the service log: ${service_error_lines%.}."
      echo
    fi
    targets_section
    if [[ -n "${result_rps[small/get-by-id]:-}" ]]; then
      echo "## Table size: $(format_number "$small_rows") versus $(format_number "$large_rows") records"
      echo
      echo "Both data sets average 1,000 records per workspace, so a list page reads the same number of rows."
      echo
      echo "| scenario | records | requests/s | p50 | p99 | pgbench tx/s | ratio to pgbench | non-2xx |"
      echo "|---|---:|---:|---:|---:|---:|---:|---|"
      for scenario in get-by-id list-page; do
        for key in "small/$scenario" "large/$scenario"; do
          [[ -n "${result_rps[$key]:-}" ]] || continue
          local rows="$large_rows"
          [[ "$key" == small/* ]] && rows="$small_rows"
          scenario_row "$key" "${scenario_titles[$scenario]}" | sed "s/^| \([^|]*\) |/| \1 | $(format_number "$rows") |/"
        done
      done
      echo
      echo "Peak RSS of the service on the small table: ${small_peak_rss_mib} MiB."
      echo
    fi
    echo "## CPU during each wrk run"
    echo
    echo "Cores busy on average over the ${duration_seconds} s, of $(nproc): the service process, PostgreSQL (postmaster and backends), wrk, and every other process."
    echo "CPU per request is a side's CPU time divided by the requests that wrk completed. It changes with other load too, so compare it only between runs with a similar \"other\" column."
    echo
    echo "| run | service | PostgreSQL | wrk | other | service CPU per request | PostgreSQL CPU per request |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for key in small/get-by-id small/list-page large/get-by-id large/list-page large/deep-cursor large/create large/patch-label; do
      [[ -n "${cpu_service[$key]:-}" ]] || continue
      echo "| $key | ${cpu_service[$key]} | ${cpu_postgres[$key]} | ${cpu_loadgen[$key]} | ${cpu_other[$key]} |" \
        "$(cpu_per_request "${cpu_service[$key]}" "${result_rps[$key]}") | $(cpu_per_request "${cpu_postgres[$key]}" "${result_rps[$key]}") |"
    done
    echo
    if [[ -n "${result_pgbench_tps[large/patch-label-as-sent]:-}" ]]; then
      echo "## PATCH statements as the service sends them"
      echo
      echo "pgbench/patch-label-as-sent.sql adds the SAVEPOINT and RELEASE SAVEPOINT that EF Core sends around the UPDATE:" \
        "$(pgbench_cell large/patch-label-as-sent) tx/s, against $(pgbench_cell large/patch-label) tx/s without them."
      echo
    fi
    echo "## Files"
    echo
    echo "- captured-sql.md: the SQL that EF Core logs and PostgreSQL receives for one request of each scenario."
    echo "- explain-list-page.txt, explain-deep-cursor.txt: EXPLAIN (ANALYZE, BUFFERS) after the load."
    echo "- raw/: wrk and pgbench output, the seed log and the build log."
    echo "- service-*.log: the logs of the service, one per phase."
  } >"$report"
  cat "$report"
}
