-- PATCH /api/v1/external-connections/{id} with a new label and no If-Match: the statements one
-- PATCH needs. The service also sends SAVEPOINT and RELEASE SAVEPOINT around the UPDATE (EF
-- Core's automatic savepoint inside a user transaction); patch-label-as-sent.sql adds them.
\set n random(1, :id_count)
\set number random(1, 2000000000)
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;
SELECT e.id, e.ai_access_enabled, e.configuration, e.connection_role, e.connection_status, e.connection_type, e.created_at, e.encrypted_credentials_ref, e.external_principal_id, e.external_sub, e.label, e.last_sync_at, e.owning_user_id, e.owning_workspace_id, e.provider, e.scopes, e.updated_at, e.version, e.visibility_mode, e.workspace_id
FROM (
    SELECT * FROM external_connections WHERE id = (SELECT id FROM bench.ids WHERE n = :n) FOR UPDATE
) AS e
LIMIT 1 \gset
UPDATE external_connections SET label = 'Renamed ' || :number::text, updated_at = now(), version = :version + 1
WHERE id = :id AND version = :version;
COMMIT;
