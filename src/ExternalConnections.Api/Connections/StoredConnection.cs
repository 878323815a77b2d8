namespace ExternalConnections.Api.Connections;

/// <summary>A connection as stored, with the strong entity tag of that stored version.</summary>
public sealed record StoredConnection(ConnectionResponse Connection, string ETag)
{
    public static StoredConnection From(ExternalConnection connection) =>
        new(ConnectionResponse.From(connection), EntityTags.For(connection.Version));
}
