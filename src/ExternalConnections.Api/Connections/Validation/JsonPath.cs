using System.Text.RegularExpressions;

namespace ExternalConnections.Api.Connections.Validation;

/// <summary>
/// Builds the JSON paths used as keys of validation errors, in the client's own spelling:
/// <c>scopesJson[2]</c>, <c>configurationJson.retry.limit</c>, <c>configurationJson['a b']</c>.
/// </summary>
public static partial class JsonPath
{
    public static string Property(string parent, string name) =>
        PlainName().IsMatch(name)
            ? $"{parent}.{name}"
            : $"{parent}['{name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}']";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    // \z, not $, which also matches before a final line feed: "a\n" is not a plain name.
    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*\z")]
    private static partial Regex PlainName();
}
