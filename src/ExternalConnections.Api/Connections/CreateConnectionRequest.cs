using System.Text.Json;
using System.Text.Json.Serialization;

namespace ExternalConnections.Api.Connections;

/// <summary>Body of a request that creates an external connection.</summary>
/// <remarks>
/// Fields with a default are non-nullable: an absent field keeps the default, and a JSON
/// <c>null</c> fails to bind, because only absence asks for the default.
/// A class, not a record, so that no generated <c>ToString</c> can log a secret.
/// </remarks>
public sealed class CreateConnectionRequest
{
    /// <summary>Outside service the connection links to.</summary>
    public ConnectionProvider? Provider { get; init; }

    /// <summary>How the service authenticates to the provider.</summary>
    public ConnectionType? ConnectionType { get; init; }

    /// <summary>Health of the link; <c>active</c> when absent.</summary>
    public ConnectionStatus ConnectionStatus { get; init; } = ConnectionStatus.Active;

    /// <summary>Workspace that owns a shared connection.</summary>
    public string? OwningWorkspaceId { get; init; }

    /// <summary>User who owns a personal connection.</summary>
    public string? OwningUserId { get; init; }

    /// <summary>Name shown to users.</summary>
    public string? Label { get; init; }

    /// <summary>Granted scopes; order and duplicates are kept, and <c>[]</c> differs from <c>null</c>.</summary>
    public IReadOnlyList<string>? ScopesJson { get; init; }

    /// <summary>Reference to credentials kept in a secret store, never the credentials. Never logged.</summary>
    public string? EncryptedCredentialsRef { get; init; }

    /// <summary>Identifier of the account or bot at the provider.</summary>
    public string? ExternalPrincipalId { get; init; }

    /// <summary>Provider settings: a JSON object, stored as PostgreSQL jsonb. Never logged.</summary>
    public JsonElement? ConfigurationJson { get; init; }

    /// <summary>When the connection last synchronised, RFC 3339 with an offset.</summary>
    public DateTimeOffset? LastSyncAt { get; init; }

    /// <summary>Workspace the connection belongs to.</summary>
    public string? WorkspaceId { get; init; }

    /// <summary>Which workspaces may see the connection.</summary>
    public VisibilityMode? VisibilityMode { get; init; }

    /// <summary>Subject claim of the external identity. Never logged.</summary>
    public string? ExternalSub { get; init; }

    /// <summary>Whether the connection serves a workspace's agents or one person; <c>personal</c> when absent.</summary>
    public ConnectionRole ConnectionRole { get; init; } = ConnectionRole.Personal;

    /// <summary>Whether AI agents may use the connection; <c>false</c> when absent.</summary>
    public bool AiAccessEnabled { get; init; }

    /// <summary>Properties the schema does not define; the validator rejects each by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; init; }
}
