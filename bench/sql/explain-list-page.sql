-- EXPLAIN (ANALYZE, BUFFERS) of the first list page in the largest workspace, as the service
-- sends it: an unnamed statement whose parameters Npgsql types as text and integer, so
-- PostgreSQL plans it for these values. The plan must walk
-- ix_external_connections_workspace_id_created_at_id backwards and stop after 51 rows, with no Sort.
SELECT workspace_id FROM bench.deep_cursors ORDER BY n LIMIT 1 \gset
PREPARE list_page(text, integer) AS
SELECT e.id, e.ai_access_enabled, e.configuration, e.connection_role, e.connection_status, e.connection_type, e.created_at, e.encrypted_credentials_ref, e.external_principal_id, e.external_sub, e.label, e.last_sync_at, e.owning_user_id, e.owning_workspace_id, e.provider, e.scopes, e.updated_at, e.version, e.visibility_mode, e.workspace_id
FROM external_connections AS e
WHERE e.workspace_id = $1
ORDER BY e.created_at DESC, e.id DESC
LIMIT $2;
\echo list page of workspace :workspace_id
EXPLAIN (ANALYZE, BUFFERS) EXECUTE list_page(:'workspace_id', 51);
