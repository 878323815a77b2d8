-- PATCH as the service sends it today: patch-label.sql plus the SAVEPOINT and RELEASE SAVEPOINT
-- that EF Core adds around SaveChanges inside a user transaction, each its own round trip.
\set n random(1, :id_count)
\set number random(1, 2000000000)
BEGIN TRANSACTION ISOLATION LEVEL READ COMMITTED;
SELECT e.id, e.ai_access_enabled, e.configuration, e.connection_role, e.connection_status, e.connection_type, e.created_at, e.encrypted_credentials_ref, e.external_principal_id, e.external_sub, e.label, e.last_sync_at, e.owning_user_id, e.owning_workspace_id, e.provider, e.scopes, e.updated_at, e.version, e.visibility_mode, e.workspace_id
FROM (
    SELECT * FROM external_connections WHERE id = (SELECT id FROM bench.ids WHERE n = :n) FOR UPDATE
) AS e
LIMIT 1 \gset
SAVEPOINT "__EFSavePoint";
UPDATE external_connections SET label = 'Renamed ' || :number::text, updated_at = now(), version = :version + 1
WHERE id = :id AND version = :version;
RELEASE SAVEPOINT "__EFSavePoint";
COMMIT;
