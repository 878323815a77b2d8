-- GET /api/v1/external-connections?workspaceId=…&limit=50: one SELECT of 51 rows (a page of 50
-- and one more to tell whether a next page exists), in the default sort.
\set n random(1, :workspace_count)
\set page_rows 51
SELECT e.id, e.ai_access_enabled, e.configuration, e.connection_role, e.connection_status, e.connection_type, e.created_at, e.encrypted_credentials_ref, e.external_principal_id, e.external_sub, e.label, e.last_sync_at, e.owning_user_id, e.owning_workspace_id, e.provider, e.scopes, e.updated_at, e.version, e.visibility_mode, e.workspace_id
FROM external_connections AS e
WHERE e.workspace_id = (SELECT workspace_id FROM bench.workspaces WHERE n = :n)
ORDER BY e.created_at DESC, e.id DESC
LIMIT :page_rows;
