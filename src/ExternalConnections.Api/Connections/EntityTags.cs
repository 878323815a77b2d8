using System.Globalization;

namespace ExternalConnections.Api.Connections;

/// <summary>
/// Strong entity tags of stored connections. The tag is the row's version, which changes on
/// every write that changes a stored value and on no other, so equal tags mean equal records.
/// </summary>
public static class EntityTags
{
    public static string For(int version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";
}
