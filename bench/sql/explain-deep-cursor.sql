-- EXPLAIN (ANALYZE, BUFFERS) of the page after the seeder's first deep cursor, as the service
-- sends it. The plan must start the backward index scan at the cursor's (created_at, id), an
-- Index Cond, and read about 51 rows, not the 10,000 before it, with no Sort.
SELECT workspace_id, created_at AS cursor_created_at, id AS cursor_id FROM bench.deep_cursors ORDER BY n LIMIT 1 \gset
PREPARE deep_page(text, timestamptz, uuid, integer) AS
SELECT e.id, e.ai_access_enabled, e.configuration, e.connection_role, e.connection_status, e.connection_type, e.created_at, e.encrypted_credentials_ref, e.external_principal_id, e.external_sub, e.label, e.last_sync_at, e.owning_user_id, e.owning_workspace_id, e.provider, e.scopes, e.updated_at, e.version, e.visibility_mode, e.workspace_id
FROM external_connections AS e
WHERE e.workspace_id = $1 AND (e.created_at, e.id) < ($2, $3)
ORDER BY e.created_at DESC, e.id DESC
LIMIT $4;
\echo page after (:cursor_created_at, :cursor_id) in workspace :workspace_id
EXPLAIN (ANALYZE, BUFFERS) EXECUTE deep_page(:'workspace_id', :'cursor_created_at', :'cursor_id', 51);
