using System.Security.Cryptography;
using System.Text.Json;
using ExternalConnections.Api.Data;
using ExternalConnections.Api.Infrastructure.Json;
using ExternalConnections.Api.Infrastructure.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ExternalConnections.Api.Connections.Idempotency;

/// <summary>
/// Stores create requests' <c>Idempotency-Key</c>s in PostgreSQL, inside the transaction that
/// creates the record, so a key and its record are committed or rolled back together.
/// </summary>
public sealed class IdempotencyKeys(
    ConnectionsDbContext db,
    TimeProvider timeProvider,
    IOptions<IdempotencyOptions> options,
    IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> jsonOptions)
{
    public const string HeaderName = "Idempotency-Key";

    public const int MaxKeyLength = 255;

    /// <summary>
    /// 1 to 255 visible ASCII characters other than a comma, such as a UUID. Commas are excluded
    /// because HTTP joins repeated header lines with commas, so two keys would read as one.
    /// </summary>
    public static bool IsValid(string key) =>
        key.Length is >= 1 and <= MaxKeyLength && key.All(character => character is >= '!' and <= '~' and not ',');

    /// <summary>
    /// SHA-256 of the request as bound, in canonical JSON: equal values give the same hash however
    /// they were spelled, such as configuration members in another order or <c>1.0</c> for <c>1</c>.
    /// </summary>
    public byte[] HashRequest(CreateConnectionRequest request) =>
        SHA256.HashData(CanonicalJson.ToUtf8Bytes(JsonSerializer.SerializeToElement(request, jsonOptions.Value.SerializerOptions)));

    /// <summary>
    /// Claims <paramref name="key"/> of <paramref name="caller"/> for this request. Returns null
    /// when the key is new, or the record of the request that used it first. The caller must hold
    /// a transaction: a second request with the same key then waits on the row until the first
    /// commits or rolls back. An expired key counts as new. Keys of different callers never meet.
    /// </summary>
    public async Task<IdempotencyKey?> ClaimAsync(Caller caller, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        var subject = SubjectOf(caller);
        var now = timeProvider.GetUtcNow();
        var expiresAt = now + options.Value.KeyLifetime;

        await db.IdempotencyKeys
            .Where(stored => stored.CallerSubject == subject && stored.Key == key && stored.ExpiresAt <= now)
            .ExecuteDeleteAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO idempotency_keys (caller_subject, key, request_hash, created_at, expires_at)
            VALUES ({subject}, {key}, {requestHash}, {now}, {expiresAt})
            ON CONFLICT (caller_subject, key) DO NOTHING
            """,
            cancellationToken);

        return claimed == 1
            ? null
            : await db.IdempotencyKeys.AsNoTracking()
                .SingleAsync(stored => stored.CallerSubject == subject && stored.Key == key, cancellationToken);
    }

    /// <summary>Records the response of the request that claimed <paramref name="key"/>.</summary>
    public Task CompleteAsync(Caller caller, string key, StoredConnection stored, CancellationToken cancellationToken)
    {
        var subject = SubjectOf(caller);
        var body = JsonSerializer.Serialize(stored.Connection, jsonOptions.Value.SerializerOptions);
        return db.IdempotencyKeys
            .Where(row => row.CallerSubject == subject && row.Key == key)
            .ExecuteUpdateAsync(
                setters => setters
                    .SetProperty(row => row.ConnectionId, stored.Connection.Id)
                    .SetProperty(row => row.ResponseBody, body)
                    .SetProperty(row => row.ResponseEntityTag, stored.ETag),
                cancellationToken);
    }

    /// <summary>The first response to a key, as recorded by <see cref="CompleteAsync"/>.</summary>
    public StoredConnection Replay(IdempotencyKey first) =>
        new(
            JsonSerializer.Deserialize<ConnectionResponse>(first.ResponseBody!, jsonOptions.Value.SerializerOptions)!,
            first.ResponseEntityTag!);

    public Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        return db.IdempotencyKeys.Where(stored => stored.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }

    // The endpoint rejects a key from a caller without a subject, so there is always one here.
    private static string SubjectOf(Caller caller) => caller.Subject!;
}
