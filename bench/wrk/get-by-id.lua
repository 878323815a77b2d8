-- GET one record by id, picked at random from the seeder's ids.txt.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local ids

function init(args)
  common.seed_random()
  ids = common.read_lines("ids.txt")
end

function request()
  return wrk.format("GET", common.base_path .. "/" .. common.pick(ids))
end
