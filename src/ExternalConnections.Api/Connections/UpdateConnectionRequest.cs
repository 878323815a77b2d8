using System.Text.Json;
using System.Text.Json.Serialization;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Connections;

/// <summary>
/// Body of a JSON Merge Patch (RFC 7396) of an external connection. Each member is
/// <see cref="Optional{T}"/>: absent leaves the field unchanged, present sets it, and a present
/// <c>null</c> clears it where <c>T</c> is nullable. Status, role and AI access always have a
/// value, so their <c>T</c> is not nullable and a <c>null</c> fails to bind.
/// </summary>
public sealed class UpdateConnectionRequest
{
    public Optional<ConnectionStatus> ConnectionStatus { get; init; }

    public Optional<string?> OwningWorkspaceId { get; init; }

    public Optional<string?> OwningUserId { get; init; }

    public Optional<string?> Label { get; init; }

    public Optional<IReadOnlyList<string>?> ScopesJson { get; init; }

    /// <summary>Never logged.</summary>
    public Optional<string?> EncryptedCredentialsRef { get; init; }

    public Optional<string?> ExternalPrincipalId { get; init; }

    /// <summary>Replaces the whole object; it is not merged into the stored one. Never logged.</summary>
    public Optional<JsonElement?> ConfigurationJson { get; init; }

    public Optional<DateTimeOffset?> LastSyncAt { get; init; }

    /// <summary>Never logged.</summary>
    public Optional<string?> ExternalSub { get; init; }

    public Optional<ConnectionRole> ConnectionRole { get; init; }

    public Optional<bool> AiAccessEnabled { get; init; }

    /// <summary>Properties the update schema does not define; the validator rejects each by name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? UnknownProperties { get; init; }
}
