using System.Globalization;

namespace ExternalConnections.Api.Connections;

/// <summary>
/// Strong entity tags of stored connections. The tag is the row's version, which changes on
/// every write that changes a stored value and on no other, so equal tags mean equal records.
/// </summary>
public static class EntityTags
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>Reads the version back out of a tag this service issued; other tags have none.</summary>
    /// <remarks>
    /// Only the exact spelling counts: <c>"01"</c> is a different strong tag from <c>"1"</c> (RFC 9110,
    /// section 8.8.3.2), so it must not match version 1.
    /// </remarks>
    public static bool TryGetVersion(string tag, out int version)
    {
        version = 0;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"'
            && int.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out version)
            && string.Equals(For(version), tag, StringComparison.Ordinal);
    }
}
