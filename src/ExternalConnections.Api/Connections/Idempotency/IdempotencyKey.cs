namespace ExternalConnections.Api.Connections.Idempotency;

/// <summary>
/// A create request's <c>Idempotency-Key</c> and the response it produced, kept so that a retry
/// with the same key gets the first result instead of a second record.
/// </summary>
public sealed class IdempotencyKey
{
    /// <summary>Subject of the caller that sent the key, so callers never see each other's results; "anonymous" when authentication is switched off.</summary>
    public string CallerSubject { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 of the request as the service read it, to tell a retry from a different request.</summary>
    public byte[] RequestHash { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>After this instant the key is forgotten and may be used again.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Id of the connection the first request created; null until that request commits.</summary>
    public Guid? ConnectionId { get; set; }

    /// <summary>The first response's body, JSON text; it contains secrets, so it is never logged.</summary>
    public string? ResponseBody { get; set; }

    public string? ResponseEntityTag { get; set; }
}
