-- POST /api/v1/external-connections: the service sends the INSERT, then, because the body has
-- a configurationJson, a second SELECT that reads the stored jsonb text back.
-- Differences from the service: the id comes from bench.uuid_v7(), because the service makes it
-- in .NET, and RETURNING hands it to the second statement. The service also sends every value as
-- a parameter, where this script has literals.
-- pgbench reads ":name" anywhere as a variable, even inside a string literal, so no literal
-- here has a letter or digit right after a colon: the JSON has a space there, and the
-- credentials reference and the scopes are concatenated.
\set n random(1, :workspace_count)
\set number random(1, 1000000)
INSERT INTO external_connections (id, ai_access_enabled, configuration, connection_role, connection_status, connection_type, created_at, encrypted_credentials_ref, external_principal_id, external_sub, label, last_sync_at, owning_user_id, owning_workspace_id, provider, scopes, updated_at, version, visibility_mode, workspace_id)
VALUES (bench.uuid_v7(), true, '{"channel": "#alerts-7", "notifyOnError": true, "retry": {"maxAttempts": 3, "backoffMs": 500}}', 'personal', 'active', 'bot_token', now(), 'vault:' || 'secret/external-connections/bench/' || :number::text, 'principal-' || :number::text, NULL, 'Bench ' || :number::text, NULL, 'usr-bench-7', NULL, 'slack', ARRAY['chat:' || 'write', 'channels:' || 'read'], now(), 1, 'workspace_local', (SELECT workspace_id FROM bench.workspaces WHERE n = :n))
RETURNING id AS new_id \gset
SELECT e.configuration
FROM external_connections AS e
WHERE e.id = :new_id
LIMIT 1;
