namespace ExternalConnections.Bench;

/// <summary>One row of <c>external_connections</c>, with enum columns as their stored snake_case text.</summary>
public sealed class SeedRecord
{
    public required Guid Id { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public required string Provider { get; init; }

    public required string ConnectionType { get; init; }

    public required string ConnectionStatus { get; init; }

    public string? OwningWorkspaceId { get; init; }

    public string? OwningUserId { get; init; }

    public string? Label { get; init; }

    public string[]? Scopes { get; init; }

    public string? EncryptedCredentialsRef { get; init; }

    public string? ExternalPrincipalId { get; init; }

    /// <summary>Compact JSON text of the configuration object, loaded as jsonb.</summary>
    public string? Configuration { get; init; }

    public DateTimeOffset? LastSyncAt { get; init; }

    public required string WorkspaceId { get; init; }

    public required string VisibilityMode { get; init; }

    public string? ExternalSub { get; init; }

    public required string ConnectionRole { get; init; }

    public bool AiAccessEnabled { get; init; }

    public int Version { get; init; } = 1;
}
