using System.Collections.Frozen;
using System.Text.Json;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// The wire names of an enum: each member's name in lowercase snake_case
/// (<c>GoogleWorkspace</c> is <c>google_workspace</c>). JSON, query strings and the database
/// all use these names, so this is the one place they are derived.
/// </summary>
public static class SnakeCaseNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> NameByValue =
        Enum.GetValues<TEnum>().ToFrozenDictionary(
            value => value,
            value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));

    // Ordinal comparison: "Slack" and "SLACK" are not names of ConnectionProvider.Slack.
    private static readonly FrozenDictionary<string, TEnum> ValueByName =
        NameByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>All wire names in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } =
        Enum.GetValues<TEnum>().Select(value => NameByValue[value]).ToArray();

    /// <summary>The wire names joined for error messages: <c>a, b, c</c>.</summary>
    public static string AllJoined { get; } = string.Join(", ", All);

    public static string ToName(TEnum value) => NameByValue[value];

    public static bool TryParse(string? name, out TEnum value) =>
        ValueByName.TryGetValue(name ?? string.Empty, out value);

    public static TEnum Parse(string name) =>
        TryParse(name, out var value)
            ? value
            : throw new FormatException($"'{name}' is not one of: {AllJoined}.");
}
