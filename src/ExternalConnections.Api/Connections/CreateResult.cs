namespace ExternalConnections.Api.Connections;

/// <summary>How a create request ended.</summary>
public enum CreateStatus
{
    Created,

    /// <summary>The Idempotency-Key was used before with the same request: its first result is returned.</summary>
    Replayed,

    /// <summary>The Idempotency-Key was used before with a different request.</summary>
    KeyReused,

    /// <summary>The caller is not a member of the workspace the request names.</summary>
    Forbidden,
}

/// <summary>Outcome of a create: the stored connection unless the key was reused.</summary>
public readonly record struct CreateResult(CreateStatus Status, StoredConnection? Connection)
{
    public static CreateResult KeyReused => new(CreateStatus.KeyReused, null);

    public static CreateResult Forbidden => new(CreateStatus.Forbidden, null);

    public static CreateResult Created(StoredConnection connection) => new(CreateStatus.Created, connection);

    public static CreateResult Replayed(StoredConnection connection) => new(CreateStatus.Replayed, connection);
}
