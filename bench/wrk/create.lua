-- POST a new record into a random workspace, with a small configurationJson like most seeded rows.
local common = dofile(os.getenv("BENCH_WRK_DIR") .. "/common.lua")
local workspaces

-- Provider, a connection type that fits it, and its scopes.
local kinds = {
  { "slack", "bot_token", '["chat:write","channels:read"]' },
  { "google_workspace", "user_oauth", '["https://www.googleapis.com/auth/calendar.readonly"]' },
  { "github", "github_app", '["repo","read:org","issues:write"]' },
  { "jira", "webhook", '["read:jira-work","manage:jira-webhook"]' },
  { "microsoft_teams", "service_account", '["ChannelMessage.Send","User.Read"]' },
}
local visibility_modes = { "workspace_local", "shared", "global" }
local headers = common.headers({ ["Content-Type"] = "application/json" })

function init(args)
  common.seed_random()
  workspaces = common.read_lines("workspaces.txt")
end

function request()
  local kind = common.pick(kinds)
  local number = math.random(1, 1000000)
  local body = string.format(
    '{"provider":"%s","connectionType":"%s","workspaceId":"%s","visibilityMode":"%s",'
      .. '"label":"Bench %d","scopesJson":%s,"connectionRole":"personal","owningUserId":"usr-bench-%d",'
      .. '"encryptedCredentialsRef":"vault:secret/external-connections/bench/%d",'
      .. '"externalPrincipalId":"principal-%d","aiAccessEnabled":true,'
      .. '"configurationJson":{"channel":"#alerts-%d","notifyOnError":true,"retry":{"maxAttempts":3,"backoffMs":500}}}',
    kind[1], kind[2], common.pick(workspaces), common.pick(visibility_modes),
    number, kind[3], number % 50, number, number, number % 100)
  return wrk.format("POST", common.base_path, headers, body)
end
