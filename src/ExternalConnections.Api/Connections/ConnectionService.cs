using ExternalConnections.Api.Connections.Idempotency;
using ExternalConnections.Api.Connections.Listing;
using ExternalConnections.Api.Data;
using ExternalConnections.Api.Infrastructure.Http;
using ExternalConnections.Api.Infrastructure.Json;
using ExternalConnections.Api.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ExternalConnections.Api.Connections;

/// <summary>
/// Creates, reads, lists, updates and deletes external connections on behalf of a caller. Owns
/// defaults, timestamps, merge-patch application, entity-tag preconditions and the access rules
/// of <see cref="ConnectionAccess"/>. Records a caller may not read are reported as not found.
/// </summary>
public sealed class ConnectionService(
    ConnectionsDbContext db,
    IdempotencyKeys idempotencyKeys,
    TimeProvider timeProvider,
    ILogger<ConnectionService> logger)
{
    private static readonly Func<ConnectionsDbContext, Guid, CancellationToken, Task<ExternalConnection?>> FindById =
        EF.CompileAsyncQuery((ConnectionsDbContext context, Guid id, CancellationToken _) =>
            context.ExternalConnections.AsNoTracking().FirstOrDefault(connection => connection.Id == id));

    private static readonly Func<ConnectionsDbContext, Guid, CancellationToken, Task<string?>> FindStoredConfiguration =
        EF.CompileAsyncQuery((ConnectionsDbContext context, Guid id, CancellationToken _) =>
            context.ExternalConnections.Where(connection => connection.Id == id)
                .Select(connection => connection.Configuration)
                .FirstOrDefault());

    public async Task<StoredConnection?> GetAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var connection = await FindById(db, id, cancellationToken);
        return connection is null || !ConnectionAccess.CanRead(caller, connection) ? null : StoredConnection.From(connection);
    }

    /// <summary>Lists the records the caller may read; the criteria only narrow that set.</summary>
    public async Task<ConnectionPage> ListAsync(Caller caller, ListConnectionsCriteria criteria, CancellationToken cancellationToken)
    {
        var rows = await db.ExternalConnections
            .AsNoTracking()
            .ReadableBy(caller)
            .Matching(criteria)
            .InPageOrder(criteria.Sort, criteria.After)
            .Take(criteria.Limit + 1)
            .ToListAsync(cancellationToken);

        // One row beyond the page shows whether another page exists, so the last page has a null nextCursor.
        var hasMore = rows.Count > criteria.Limit;
        var page = hasMore ? rows.GetRange(0, criteria.Limit) : rows;
        var nextCursor = hasMore ? CursorAfter(page[^1], criteria.Sort).Encode() : null;
        return new ConnectionPage(page.Select(ConnectionResponse.From).ToList(), nextCursor);
    }

    /// <summary>
    /// Creates a connection. With an idempotency key, the key is claimed in the same transaction,
    /// so a retry with the key returns the first result and a concurrent duplicate waits for it.
    /// </summary>
    public async Task<CreateResult> CreateAsync(
        Caller caller,
        CreateConnectionRequest request,
        string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (!caller.IsMemberOf(request.WorkspaceId!))
        {
            logger.LogWarning("Rejected a create in workspace {WorkspaceId} by a caller outside it", request.WorkspaceId);
            return CreateResult.Forbidden;
        }

        if (idempotencyKey is null)
        {
            return CreateResult.Created(await InsertAsync(request, cancellationToken));
        }

        var requestHash = idempotencyKeys.HashRequest(request);
        await using var transaction = await BeginTransactionAsync(cancellationToken);
        var first = await idempotencyKeys.ClaimAsync(caller, idempotencyKey, requestHash, cancellationToken);
        if (first is not null)
        {
            return ReplayOrReject(first, requestHash);
        }

        var stored = await InsertAsync(request, cancellationToken);
        await idempotencyKeys.CompleteAsync(caller, idempotencyKey, stored, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return CreateResult.Created(stored);
    }

    /// <summary>
    /// Applies a merge patch under a row lock, so concurrent patches of different fields both
    /// land and a precondition check cannot race the write it guards.
    /// </summary>
    public async Task<WriteResult> UpdateAsync(
        Caller caller,
        Guid id,
        UpdateConnectionRequest patch,
        Preconditions preconditions,
        CancellationToken cancellationToken)
    {
        await using var transaction = await BeginTransactionAsync(cancellationToken);
        var connection = await FindForUpdateAsync(id, cancellationToken);
        if (connection is null || !ConnectionAccess.CanRead(caller, connection))
        {
            return WriteResult.NotFound;
        }

        if (!ConnectionAccess.CanWrite(caller, connection))
        {
            LogWriteByOutsider(id);
            return WriteResult.Forbidden;
        }

        if (!preconditions.AreMetBy(EntityTags.For(connection.Version)))
        {
            LogFailedPrecondition(id);
            return WriteResult.PreconditionFailed;
        }

        var configurationBefore = connection.Configuration;
        if (ConnectionMergePatch.ApplyTo(patch, connection))
        {
            connection.UpdatedAt = Now();
            connection.Version++;
            await db.SaveChangesAsync(cancellationToken);
            if (connection.Configuration is not null && !ReferenceEquals(connection.Configuration, configurationBefore))
            {
                await ReadBackConfigurationAsync(connection, cancellationToken);
            }

            logger.LogInformation("Updated connection {ConnectionId} to version {Version}", id, connection.Version);
        }

        await transaction.CommitAsync(cancellationToken);
        return WriteResult.Succeeded(StoredConnection.From(connection));
    }

    /// <summary>
    /// Deletes a connection: in one statement without preconditions, else under a row lock after
    /// checking them against the stored version. Only when nothing was deleted does a second
    /// query tell a record the caller may only read (403) from one they cannot see (404).
    /// </summary>
    public async Task<WriteStatus> DeleteAsync(Caller caller, Guid id, Preconditions preconditions, CancellationToken cancellationToken)
    {
        if (preconditions.IsEmpty)
        {
            var deleted = await db.ExternalConnections
                .Where(connection => connection.Id == id)
                .WritableBy(caller)
                .ExecuteDeleteAsync(cancellationToken);
            return deleted == 1 ? Deleted(id) : await WhyNotDeletedAsync(caller, id, cancellationToken);
        }

        await using var transaction = await BeginTransactionAsync(cancellationToken);
        var stored = await FindForUpdateAsync(id, cancellationToken);
        if (stored is null || !ConnectionAccess.CanRead(caller, stored))
        {
            return WriteStatus.NotFound;
        }

        if (!ConnectionAccess.CanWrite(caller, stored))
        {
            return Forbidden(id);
        }

        if (!preconditions.AreMetBy(EntityTags.For(stored.Version)))
        {
            LogFailedPrecondition(id);
            return WriteStatus.PreconditionFailed;
        }

        db.ExternalConnections.Remove(stored);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Deleted(id);
    }

    private async Task<StoredConnection> InsertAsync(CreateConnectionRequest request, CancellationToken cancellationToken)
    {
        var now = Now();
        var connection = new ExternalConnection
        {
            Id = Guid.CreateVersion7(now),
            CreatedAt = now,
            UpdatedAt = now,
            Provider = request.Provider!.Value,
            ConnectionType = request.ConnectionType!.Value,
            ConnectionStatus = request.ConnectionStatus,
            OwningWorkspaceId = request.OwningWorkspaceId,
            OwningUserId = request.OwningUserId,
            Label = request.Label,
            Scopes = request.ScopesJson?.ToList(),
            EncryptedCredentialsRef = request.EncryptedCredentialsRef,
            ExternalPrincipalId = request.ExternalPrincipalId,
            Configuration = request.ConfigurationJson?.GetRawText(),
            LastSyncAt = request.LastSyncAt,
            WorkspaceId = request.WorkspaceId!,
            VisibilityMode = request.VisibilityMode!.Value,
            ExternalSub = request.ExternalSub,
            ConnectionRole = request.ConnectionRole,
            AiAccessEnabled = request.AiAccessEnabled,
            Version = 1,
        };

        db.ExternalConnections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        if (connection.Configuration is not null)
        {
            await ReadBackConfigurationAsync(connection, cancellationToken);
        }

        logger.LogInformation(
            "Created connection {ConnectionId} to {Provider} in workspace {WorkspaceId}",
            connection.Id,
            SnakeCaseNames<ConnectionProvider>.ToName(connection.Provider),
            connection.WorkspaceId);
        return StoredConnection.From(connection);
    }

    private CreateResult ReplayOrReject(IdempotencyKey first, byte[] requestHash)
    {
        if (!first.RequestHash.AsSpan().SequenceEqual(requestHash))
        {
            logger.LogWarning("Rejected an Idempotency-Key reused for a different request; it created connection {ConnectionId}", first.ConnectionId);
            return CreateResult.KeyReused;
        }

        logger.LogInformation("Returned connection {ConnectionId} again for a repeated Idempotency-Key", first.ConnectionId);
        return CreateResult.Replayed(idempotencyKeys.Replay(first));
    }

    /// <summary>
    /// Replaces the configuration just written with PostgreSQL's normalised jsonb text, so the
    /// write returns exactly what later reads return.
    /// </summary>
    private async Task ReadBackConfigurationAsync(ExternalConnection connection, CancellationToken cancellationToken)
    {
        connection.Configuration = await FindStoredConfiguration(db, connection.Id, cancellationToken);
    }

    private async Task<WriteStatus> WhyNotDeletedAsync(Caller caller, Guid id, CancellationToken cancellationToken)
    {
        var connection = await FindById(db, id, cancellationToken);
        return connection is not null && ConnectionAccess.CanRead(caller, connection) ? Forbidden(id) : WriteStatus.NotFound;
    }

    private WriteStatus Forbidden(Guid id)
    {
        LogWriteByOutsider(id);
        return WriteStatus.Forbidden;
    }

    private void LogWriteByOutsider(Guid id) =>
        logger.LogWarning("Rejected a change of connection {ConnectionId} by a caller outside its workspace", id);

    private void LogFailedPrecondition(Guid id) =>
        logger.LogWarning("Rejected a failed precondition for connection {ConnectionId}", id);

    private WriteStatus Deleted(Guid id)
    {
        logger.LogInformation("Deleted connection {ConnectionId}", id);
        return WriteStatus.Succeeded;
    }

    /// <summary>
    /// Begins a transaction in which SaveChanges sets no savepoint. EF Core would otherwise wrap
    /// each save in one, so that it could roll back only the save; these transactions always roll
    /// back whole, so a savepoint would cost two round trips for nothing.
    /// </summary>
    private Task<IDbContextTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        db.Database.AutoSavepointsEnabled = false;
        return db.Database.BeginTransactionAsync(cancellationToken);
    }

    private Task<ExternalConnection?> FindForUpdateAsync(Guid id, CancellationToken cancellationToken) =>
        db.ExternalConnections
            .FromSql($"SELECT * FROM external_connections WHERE id = {id} FOR UPDATE")
            .FirstOrDefaultAsync(cancellationToken);

    private static ListCursor CursorAfter(ExternalConnection last, ConnectionSort sort) =>
        new(sort, sort.IsByUpdatedAt() ? last.UpdatedAt : last.CreatedAt, last.Id);

    private DateTimeOffset Now() => Rfc3339DateTime.TruncateToMicroseconds(timeProvider.GetUtcNow());
}
