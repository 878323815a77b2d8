namespace ExternalConnections.Api.Connections;

/// <summary>A workspace's link to an outside provider, as stored in <c>external_connections</c>.</summary>
/// <remarks>
/// A class, not a record, so that no generated <c>ToString</c> can put
/// <see cref="EncryptedCredentialsRef"/> or <see cref="Configuration"/> into a log.
/// </remarks>
public sealed class ExternalConnection
{
    public Guid Id { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public ConnectionProvider Provider { get; set; }

    public ConnectionType ConnectionType { get; set; }

    public ConnectionStatus ConnectionStatus { get; set; }

    public string? OwningWorkspaceId { get; set; }

    public string? OwningUserId { get; set; }

    public string? Label { get; set; }

    /// <summary>OAuth scopes in the order sent, duplicates kept; <c>scopesJson</c> on the wire.</summary>
    public List<string>? Scopes { get; set; }

    /// <summary>Reference to a secret held in another store; never logged.</summary>
    public string? EncryptedCredentialsRef { get; set; }

    public string? ExternalPrincipalId { get; set; }

    /// <summary>
    /// Provider settings as JSON object text, stored as jsonb; <c>configurationJson</c> on the
    /// wire. After a read it is PostgreSQL's normalised text, which is what clients get back.
    /// </summary>
    public string? Configuration { get; set; }

    public DateTimeOffset? LastSyncAt { get; set; }

    public string WorkspaceId { get; set; } = string.Empty;

    public VisibilityMode VisibilityMode { get; set; }

    public string? ExternalSub { get; set; }

    public ConnectionRole ConnectionRole { get; set; }

    public bool AiAccessEnabled { get; set; }

    /// <summary>Incremented on every change; the concurrency token and the source of the ETag.</summary>
    public int Version { get; set; }
}
