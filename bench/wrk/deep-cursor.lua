-- GET a list page of 50 records that starts 10,000 records deep in a large workspace, through a
-- cursor that the seeder encoded (deep-cursors.tsv: workspace id, cursor, first id of the page).
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local paths

function init(args)
  common.seed_random()
  paths = {}
  for _, line in ipairs(common.read_lines("deep-cursors.tsv")) do
    local workspace, cursor = line:match("^([^\t]+)\t([^\t]+)")
    paths[#paths + 1] = common.base_path .. "?workspaceId=" .. workspace .. "&limit=50&cursor=" .. cursor
  end
end

function request()
  return wrk.format("GET", common.pick(paths))
end
