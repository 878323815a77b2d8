-- PATCH the label of a random record (merge patch, no If-Match). The label is new each time, so
-- every request writes: the service skips the UPDATE when a patch changes nothing.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids
local headers = common.headers({ ["Content-Type"] = "application/merge-patch+json" })

function init(args)
  common.seed_random()
  ids = common.read_lines("ids.txt")
end

function request()
  local body = string.format('{"label":"Renamed %d"}', math.random(1, 2000000000))
  return wrk.format("PATCH", common.base_path .. "/" .. common.pick(ids), headers, body)
end
