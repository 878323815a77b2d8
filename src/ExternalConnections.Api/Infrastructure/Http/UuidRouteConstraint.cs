using System.Globalization;
using System.Text.RegularExpressions;

namespace ExternalConnections.Api.Infrastructure.Http;

/// <summary>
/// Matches a route value in the canonical UUID form, 8-4-4-4-12 hexadecimal digits. The built-in
/// <c>guid</c> constraint also takes braces, parentheses and 32 digits without hyphens, which
/// would give one record several URLs. Either letter case matches, since UUIDs compare
/// without regard to case (RFC 9562).
/// </summary>
public sealed partial class UuidRouteConstraint : IRouteConstraint
{
    public const string Name = "uuid";

    public bool Match(HttpContext? httpContext, IRouter? route, string routeKey, RouteValueDictionary values, RouteDirection routeDirection) =>
        values.TryGetValue(routeKey, out var value)
        && Convert.ToString(value, CultureInfo.InvariantCulture) is { } text
        && CanonicalUuid().IsMatch(text);

    // \z, not $: in .NET, $ also matches before a final line feed, which a path can carry as %0A.
    [GeneratedRegex(@"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\z")]
    private static partial Regex CanonicalUuid();
}
