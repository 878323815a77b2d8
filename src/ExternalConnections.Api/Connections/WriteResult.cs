namespace ExternalConnections.Api.Connections;

/// <summary>How a write to an existing connection ended.</summary>
public enum WriteStatus
{
    Succeeded,
    NotFound,

    /// <summary>The record exists, but a conditional header (If-Match, If-None-Match) did not hold.</summary>
    PreconditionFailed,

    /// <summary>The caller may read the record but not change it: it is not in one of their workspaces.</summary>
    Forbidden,
}

/// <summary>Outcome of an update: the stored connection when <see cref="Status"/> is Succeeded.</summary>
public readonly record struct WriteResult(WriteStatus Status, StoredConnection? Connection)
{
    public static WriteResult NotFound => new(WriteStatus.NotFound, null);

    public static WriteResult PreconditionFailed => new(WriteStatus.PreconditionFailed, null);

    public static WriteResult Forbidden => new(WriteStatus.Forbidden, null);

    public static WriteResult Succeeded(StoredConnection connection) => new(WriteStatus.Succeeded, connection);
}
