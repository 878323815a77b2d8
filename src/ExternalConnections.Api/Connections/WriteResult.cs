namespace ExternalConnections.Api.Connections;

/// <summary>How a write to an existing connection ended.</summary>
public enum WriteStatus
{
    Succeeded,
    NotFound,

    /// <summary>The record exists, but If-Match named none of its current entity tags.</summary>
    PreconditionFailed,
}

/// <summary>Outcome of an update: the stored connection when <see cref="Status"/> is Succeeded.</summary>
public readonly record struct WriteResult(WriteStatus Status, StoredConnection? Connection)
{
    public static WriteResult NotFound => new(WriteStatus.NotFound, null);

    public static WriteResult PreconditionFailed => new(WriteStatus.PreconditionFailed, null);

    public static WriteResult Succeeded(StoredConnection connection) => new(WriteStatus.Succeeded, connection);
}
