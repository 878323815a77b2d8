-- GET the first list page of 50 records of a random workspace, in the default sort (-createdAt).
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local workspaces

function init(args)
  common.seed_random()
  workspaces = common.read_lines("workspaces.txt")
end

function request()
  return wrk.format("GET", common.base_path .. "?workspaceId=" .. common.pick(workspaces) .. "&limit=50")
end
