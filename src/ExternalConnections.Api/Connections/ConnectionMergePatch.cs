using System.Text.Json;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Connections;

/// <summary>Applies a JSON Merge Patch (RFC 7396) to a stored connection.</summary>
public static class ConnectionMergePatch
{
    /// <summary>
    /// Sets every member present in <paramref name="patch"/> and returns whether any stored value
    /// changed. Setting a field to the value it already has is not a change.
    /// </summary>
    public static bool ApplyTo(UpdateConnectionRequest patch, ExternalConnection connection)
    {
        var changed = false;
        changed |= Set(patch.ConnectionStatus, connection.ConnectionStatus, value => connection.ConnectionStatus = value);
        changed |= Set(patch.OwningWorkspaceId, connection.OwningWorkspaceId, value => connection.OwningWorkspaceId = value);
        changed |= Set(patch.OwningUserId, connection.OwningUserId, value => connection.OwningUserId = value);
        changed |= Set(patch.Label, connection.Label, value => connection.Label = value);
        changed |= Set(patch.EncryptedCredentialsRef, connection.EncryptedCredentialsRef, value => connection.EncryptedCredentialsRef = value);
        changed |= Set(patch.ExternalPrincipalId, connection.ExternalPrincipalId, value => connection.ExternalPrincipalId = value);
        changed |= Set(patch.LastSyncAt, connection.LastSyncAt, value => connection.LastSyncAt = value);
        changed |= Set(patch.ExternalSub, connection.ExternalSub, value => connection.ExternalSub = value);
        changed |= Set(patch.ConnectionRole, connection.ConnectionRole, value => connection.ConnectionRole = value);
        changed |= Set(patch.AiAccessEnabled, connection.AiAccessEnabled, value => connection.AiAccessEnabled = value);
        changed |= SetScopes(patch.ScopesJson, connection);
        changed |= SetConfiguration(patch.ConfigurationJson, connection);
        return changed;
    }

    private static bool Set<T>(Optional<T> member, T current, Action<T> assign)
    {
        if (!member.IsPresent || EqualityComparer<T>.Default.Equals(member.Value, current))
        {
            return false;
        }

        assign(member.Value);
        return true;
    }

    private static bool SetScopes(Optional<IReadOnlyList<string>?> member, ExternalConnection connection)
    {
        if (!member.IsPresent || SameScopes(member.Value, connection.Scopes))
        {
            return false;
        }

        connection.Scopes = member.Value?.ToList();
        return true;
    }

    // Null and [] are different values; otherwise order and duplicates matter.
    private static bool SameScopes(IReadOnlyList<string>? requested, List<string>? stored) =>
        requested is null || stored is null
            ? requested is null && stored is null
            : requested.SequenceEqual(stored, StringComparer.Ordinal);

    /// <summary>
    /// Replaces the whole configuration object. Equal JSON (key order and number spelling
    /// aside, as jsonb compares) is not a change.
    /// </summary>
    private static bool SetConfiguration(Optional<JsonElement?> member, ExternalConnection connection)
    {
        if (!member.IsPresent || SameConfiguration(member.Value, connection.Configuration))
        {
            return false;
        }

        connection.Configuration = member.Value?.GetRawText();
        return true;
    }

    private static bool SameConfiguration(JsonElement? requested, string? stored) =>
        requested is null || stored is null
            ? requested is null && stored is null
            : JsonElement.DeepEquals(requested.Value, JsonElement.Parse(stored));
}
