using System.Text.Json;
using System.Text.Json.Serialization;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Connections;

/// <summary>
/// Body of a JSON Merge Patch (RFC 7396) of an external connection: an absent field stays
/// unchanged, a present one replaces the stored value, and null clears an optional field.
/// connectionStatus, connectionRole and aiAccessEnabled always have a value and reject null.
/// </summary>
/// <remarks>
/// Each member is an <see cref="Optional{T}"/>, which records whether it was present. Where
/// <c>T</c> is not nullable, a JSON null fails to bind.
/// </remarks>
public sealed class UpdateConnectionRequest
{
    /// <summary>Health of the link; null is rejected.</summary>
    public Optional<ConnectionStatus> ConnectionStatus { get; init; }

    /// <summary>Workspace that owns a shared connection; null clears it.</summary>
    public Optional<string?> OwningWorkspaceId { get; init; }

    /// <summary>User who owns a personal connection; null clears it.</summary>
    public Optional<string?> OwningUserId { get; init; }

    /// <summary>Name shown to users; null clears it.</summary>
    public Optional<string?> Label { get; init; }

    /// <summary>Granted scopes, replacing the stored list; null clears it.</summary>
    public Optional<IReadOnlyList<string>?> ScopesJson { get; init; }

    /// <summary>Reference to credentials kept in a secret store; null clears it. Never logged.</summary>
    public Optional<string?> EncryptedCredentialsRef { get; init; }

    /// <summary>Identifier of the account or bot at the provider; null clears it.</summary>
    public Optional<string?> ExternalPrincipalId { get; init; }

    /// <summary>Replaces the whole object; it is not merged into the stored one. Never logged.</summary>
    public Optional<JsonElement?> ConfigurationJson { get; init; }

    /// <summary>When the connection last synchronised, RFC 3339 with an offset; null clears it.</summary>
    public Optional<DateTimeOffset?> LastSyncAt { get; init; }

    /// <summary>Subject claim of the external identity; null clears it. Never logged.</summary>
    public Optional<string?> ExternalSub { get; init; }

    /// <summary>Whether the connection serves a workspace's agents or one person; null is rejected.</summary>
    public Optional<ConnectionRole> ConnectionRole { get; init; }

    /// <summary>Whether AI agents may use the connection; null is rejected.</summary>
    public Optional<bool> AiAccessEnabled { get; init; }

    /// <summary>Properties the update schema does not define; the validator rejects each by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; init; }
}
