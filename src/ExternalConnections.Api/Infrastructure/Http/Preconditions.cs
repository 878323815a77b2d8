namespace ExternalConnections.Api.Infrastructure.Http;

/// <summary>
/// The conditional headers of a request (RFC 9110, section 13.2.2): If-Match must name the
/// current entity tag, compared strongly, and If-None-Match must name none of it, compared
/// weakly. On a write <c>*</c> in If-None-Match therefore fails for every existing record; on a
/// read a matching If-None-Match means 304 Not Modified instead.
/// </summary>
public sealed record Preconditions(EntityTagCondition? IfMatch, EntityTagCondition? IfNoneMatch)
{
    public static readonly Preconditions None = new(null, null);

    public bool IsEmpty => IfMatch is null && IfNoneMatch is null;

    public bool AreMetBy(string currentTag) =>
        (IfMatch is null || IfMatch.MatchesStrongly(currentTag))
        && (IfNoneMatch is null || !IfNoneMatch.MatchesWeakly(currentTag));

    /// <summary>Parses both headers; on failure <paramref name="invalidHeader"/> names the malformed one.</summary>
    public static bool TryParse(string? ifMatch, string? ifNoneMatch, out Preconditions preconditions, out string invalidHeader)
    {
        preconditions = None;
        invalidHeader = string.Empty;
        if (!EntityTagCondition.TryParse(ifMatch, out var match))
        {
            invalidHeader = "If-Match";
            return false;
        }

        if (!EntityTagCondition.TryParse(ifNoneMatch, out var noneMatch))
        {
            invalidHeader = "If-None-Match";
            return false;
        }

        preconditions = new Preconditions(match, noneMatch);
        return true;
    }
}
