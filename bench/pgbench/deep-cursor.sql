-- The list page 10,000 records deep in a large workspace: the first page's SELECT plus the
-- keyset condition (created_at, id) < (cursor's created_at, cursor's id). Each of the two
-- cursor values is its own scalar subquery, so the row comparison stays an index condition.
\set n random(1, :deep_cursor_count)
\set page_rows 51
SELECT e.id, e.ai_access_enabled, e.configuration, e.connection_role, e.connection_status, e.connection_type, e.created_at, e.encrypted_credentials_ref, e.external_principal_id, e.external_sub, e.label, e.last_sync_at, e.owning_user_id, e.owning_workspace_id, e.provider, e.scopes, e.updated_at, e.version, e.visibility_mode, e.workspace_id
FROM external_connections AS e
WHERE e.workspace_id = (SELECT workspace_id FROM bench.deep_cursors WHERE n = :n)
  AND (e.created_at, e.id) < ((SELECT created_at FROM bench.deep_cursors WHERE n = :n),
                              (SELECT id FROM bench.deep_cursors WHERE n = :n))
ORDER BY e.created_at DESC, e.id DESC
LIMIT :page_rows;
