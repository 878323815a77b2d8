-- GET /api/v1/external-connections/{id}: the service's one SELECT (EF Core, FindById).
-- The id comes from bench.ids, a random sample of the seeded ids, inside the same statement.
\set n random(1, :id_count)
SELECT e.id, e.ai_access_enabled, e.configuration, e.connection_role, e.connection_status, e.connection_type, e.created_at, e.encrypted_credentials_ref, e.external_principal_id, e.external_sub, e.label, e.last_sync_at, e.owning_user_id, e.owning_workspace_id, e.provider, e.scopes, e.updated_at, e.version, e.visibility_mode, e.workspace_id
FROM external_connections AS e
WHERE e.id = (SELECT id FROM bench.ids WHERE n = :n)
LIMIT 1;
