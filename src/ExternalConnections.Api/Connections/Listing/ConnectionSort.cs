namespace ExternalConnections.Api.Connections.Listing;

/// <summary>Order of a connection list. Ties break by id in the same direction.</summary>
public enum ConnectionSort
{
    CreatedAtDescending,
    CreatedAtAscending,
    UpdatedAtDescending,
    UpdatedAtAscending,
}

/// <summary>The <c>sort</c> query parameter's values: a field name, with <c>-</c> for descending.</summary>
public static class ConnectionSorts
{
    public const ConnectionSort Default = ConnectionSort.CreatedAtDescending;

    private static readonly Dictionary<string, ConnectionSort> ByName = new(StringComparer.Ordinal)
    {
        ["-createdAt"] = ConnectionSort.CreatedAtDescending,
        ["createdAt"] = ConnectionSort.CreatedAtAscending,
        ["-updatedAt"] = ConnectionSort.UpdatedAtDescending,
        ["updatedAt"] = ConnectionSort.UpdatedAtAscending,
    };

    public static IReadOnlyCollection<string> Names => ByName.Keys;

    public static bool TryParse(string? name, out ConnectionSort sort) =>
        ByName.TryGetValue(name ?? string.Empty, out sort);

    public static ConnectionSort Parse(string name) =>
        TryParse(name, out var sort) ? sort : throw new FormatException($"'{name}' is not one of: {string.Join(", ", Names)}.");

    public static string ToName(ConnectionSort sort) => ByName.First(pair => pair.Value == sort).Key;

    public static bool IsByUpdatedAt(this ConnectionSort sort) =>
        sort is ConnectionSort.UpdatedAtDescending or ConnectionSort.UpdatedAtAscending;
}
