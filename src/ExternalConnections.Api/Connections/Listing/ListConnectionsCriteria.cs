using System.Globalization;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Connections.Listing;

/// <summary>
/// A validated list request in typed form. Each filter keeps records matching any of its values;
/// filters combine with AND, and an empty filter keeps everything.
/// </summary>
public sealed record ListConnectionsCriteria
{
    public IReadOnlyList<string> WorkspaceIds { get; init; } = [];

    public IReadOnlyList<ConnectionProvider> Providers { get; init; } = [];

    public IReadOnlyList<ConnectionType> ConnectionTypes { get; init; } = [];

    public IReadOnlyList<ConnectionStatus> ConnectionStatuses { get; init; } = [];

    public IReadOnlyList<VisibilityMode> VisibilityModes { get; init; } = [];

    public IReadOnlyList<ConnectionRole> ConnectionRoles { get; init; } = [];

    public IReadOnlyList<string> OwningWorkspaceIds { get; init; } = [];

    public IReadOnlyList<string> OwningUserIds { get; init; } = [];

    public IReadOnlyList<string> ExternalPrincipalIds { get; init; } = [];

    public IReadOnlyList<bool> AiAccessEnabled { get; init; } = [];

    public ConnectionSort Sort { get; init; } = ConnectionSorts.Default;

    public int Limit { get; init; } = ConnectionLimits.DefaultPageSize;

    /// <summary>Position after which the page starts; null for the first page.</summary>
    public ListCursor? After { get; init; }

    /// <summary>Converts a query that <see cref="ListConnectionsQueryValidator"/> has accepted.</summary>
    public static ListConnectionsCriteria From(ListConnectionsQuery query)
    {
        ListCursor? after = query.Cursor is not null && ListCursor.TryDecode(query.Cursor, out var cursor) ? cursor : null;

        return new ListConnectionsCriteria
        {
            WorkspaceIds = query.WorkspaceId ?? [],
            Providers = ParseAll<ConnectionProvider>(query.Provider),
            ConnectionTypes = ParseAll<ConnectionType>(query.ConnectionType),
            ConnectionStatuses = ParseAll<ConnectionStatus>(query.ConnectionStatus),
            VisibilityModes = ParseAll<VisibilityMode>(query.VisibilityMode),
            ConnectionRoles = ParseAll<ConnectionRole>(query.ConnectionRole),
            OwningWorkspaceIds = query.OwningWorkspaceId ?? [],
            OwningUserIds = query.OwningUserId ?? [],
            ExternalPrincipalIds = query.ExternalPrincipalId ?? [],
            AiAccessEnabled = (query.AiAccessEnabled ?? []).Select(value => value == "true").Distinct().ToArray(),
            Sort = query.Sort is null ? ConnectionSorts.Default : ConnectionSorts.Parse(query.Sort),
            Limit = query.Limit is null ? ConnectionLimits.DefaultPageSize : ParseLimit(query.Limit),
            After = after,
        };
    }

    /// <summary>
    /// Accepts ASCII digits from 1 to the maximum page size; no sign and no spaces. The digits are
    /// checked first because int.TryParse ignores trailing NUL characters.
    /// </summary>
    public static bool TryParseLimit(string text, out int limit)
    {
        limit = 0;
        return text.Length is > 0 and <= 9
            && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit)
            && limit is >= 1 and <= ConnectionLimits.MaxPageSize;
    }

    private static int ParseLimit(string text) =>
        TryParseLimit(text, out var limit) ? limit : throw new FormatException($"'{text}' is not a valid page size.");

    private static TEnum[] ParseAll<TEnum>(string[]? names)
        where TEnum : struct, Enum =>
        (names ?? []).Select(SnakeCaseNames<TEnum>.Parse).Distinct().ToArray();
}
