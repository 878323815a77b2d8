using System.Text.Json.Serialization;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Connections;

/// <summary>
/// A stored external connection as the API returns it. Every field is always present; an
/// optional field without a value is <c>null</c>.
/// </summary>
/// <remarks>A class, not a record, so that no generated <c>ToString</c> can log a secret.</remarks>
public sealed class ConnectionResponse
{
    /// <summary>Time-ordered UUID (version 7) set by the service.</summary>
    public required Guid Id { get; init; }

    /// <summary>When the record was created, UTC, microsecond precision.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a stored value last changed, UTC, microsecond precision.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    public required ConnectionProvider Provider { get; init; }

    public required ConnectionType ConnectionType { get; init; }

    public required ConnectionStatus ConnectionStatus { get; init; }

    public required string? OwningWorkspaceId { get; init; }

    public required string? OwningUserId { get; init; }

    public required string? Label { get; init; }

    public required IReadOnlyList<string>? ScopesJson { get; init; }

    public required string? EncryptedCredentialsRef { get; init; }

    public required string? ExternalPrincipalId { get; init; }

    /// <summary>The object as PostgreSQL jsonb stores it: key order and number spelling may differ from the request.</summary>
    [JsonConverter(typeof(RawJsonConverter))]
    public required string? ConfigurationJson { get; init; }

    public required DateTimeOffset? LastSyncAt { get; init; }

    public required string WorkspaceId { get; init; }

    public required VisibilityMode VisibilityMode { get; init; }

    public required string? ExternalSub { get; init; }

    public required ConnectionRole ConnectionRole { get; init; }

    public required bool AiAccessEnabled { get; init; }

    public static ConnectionResponse From(ExternalConnection connection) =>
        new()
        {
            Id = connection.Id,
            CreatedAt = connection.CreatedAt,
            UpdatedAt = connection.UpdatedAt,
            Provider = connection.Provider,
            ConnectionType = connection.ConnectionType,
            ConnectionStatus = connection.ConnectionStatus,
            OwningWorkspaceId = connection.OwningWorkspaceId,
            OwningUserId = connection.OwningUserId,
            Label = connection.Label,
            ScopesJson = connection.Scopes,
            EncryptedCredentialsRef = connection.EncryptedCredentialsRef,
            ExternalPrincipalId = connection.ExternalPrincipalId,
            ConfigurationJson = connection.Configuration,
            LastSyncAt = connection.LastSyncAt,
            WorkspaceId = connection.WorkspaceId,
            VisibilityMode = connection.VisibilityMode,
            ExternalSub = connection.ExternalSub,
            ConnectionRole = connection.ConnectionRole,
            AiAccessEnabled = connection.AiAccessEnabled,
        };
}

/// <summary>One page of a connection list.</summary>
/// <param name="Items">The connections on this page, in the requested order.</param>
/// <param name="NextCursor">Pass as <c>cursor</c> to get the next page; <c>null</c> on the last page.</param>
public sealed record ConnectionPage(IReadOnlyList<ConnectionResponse> Items, string? NextCursor);
