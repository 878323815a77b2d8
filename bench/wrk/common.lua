-- Shared by the wrk scripts of bench/run.sh; each script loads it with dofile.
--
-- Environment:
--   BENCH_DATA_DIR   folder with the seeder's ids.txt, workspaces.txt and deep-cursors.tsv
--
-- Every thread counts responses whose status is not 2xx, and done() prints one line that
-- bench/run.sh parses:
--   BENCH_RESULT requests=… seconds=… rps=… p50_ms=… p99_ms=… non2xx=… socket_errors=… first_bad_status=…

local common = {}

common.base_path = "/api/v1/external-connections"

-- Every request carries the administrator's token that bench/run.sh minted.
local token = os.getenv("BENCH_TOKEN")
if token == nil or token == "" then
  error("BENCH_TOKEN is not set: bench/run.sh mints it with scripts/dev-token.sh")
end
wrk.headers["Authorization"] = "Bearer " .. token

-- Returns the given headers plus the Authorization header, for requests that set their own.
function common.headers(extra)
  local headers = { ["Authorization"] = wrk.headers["Authorization"] }
  for name, value in pairs(extra) do
    headers[name] = value
  end
  return headers
end

local threads = {}
local thread_count = 0

function common.read_lines(name)
  local folder = os.getenv("BENCH_DATA_DIR")
  if folder == nil or folder == "" then
    error("BENCH_DATA_DIR is not set: it must name the folder that the seeder wrote")
  end
  local path = folder .. "/" .. name
  local file = io.open(path, "r")
  if file == nil then
    error("cannot open " .. path .. ": run the seeder first")
  end
  local lines = {}
  for line in file:lines() do
    if line ~= "" then
      lines[#lines + 1] = line
    end
  end
  file:close()
  if #lines == 0 then
    error(path .. " is empty")
  end
  return lines
end

function common.pick(list)
  return list[math.random(#list)]
end

-- Runs in the main Lua state once per thread, before the threads start.
function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  threads[#threads + 1] = thread
end

-- Each thread seeds its own generator differently, so the threads do not send the same sequence.
function common.seed_random()
  math.randomseed(os.time() * 1000 + thread_number * 7919)
end

non2xx = 0
first_bad_status = 0

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
    if first_bad_status == 0 then
      first_bad_status = status
    end
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  local first_bad = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + thread:get("non2xx")
    local status = thread:get("first_bad_status")
    if first_bad == 0 and status ~= 0 then
      first_bad = status
    end
  end
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "BENCH_RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.3f p99_ms=%.3f non2xx=%d socket_errors=%d first_bad_status=%d\n",
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    non2xx_total, errors.connect + errors.read + errors.write + errors.timeout, first_bad))
end

return common
