using Microsoft.Net.Http.Headers;

namespace ExternalConnections.Api.Infrastructure.Http;

/// <summary>
/// The value of an <c>If-Match</c> or <c>If-None-Match</c> header (RFC 9110, section 13.1):
/// <c>*</c> or a list of entity tags.
/// </summary>
public sealed class EntityTagCondition
{
    private readonly IList<EntityTagHeaderValue> tags;

    private EntityTagCondition(IList<EntityTagHeaderValue> tags) => this.tags = tags;

    public bool IsAny => tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any));

    /// <summary>The opaque tags of the list, quotes included, without weak ones.</summary>
    public IEnumerable<string> StrongTags =>
        tags.Where(tag => !tag.IsWeak && !tag.Equals(EntityTagHeaderValue.Any)).Select(tag => tag.Tag.ToString());

    /// <summary>
    /// Parses the header. Returns true with a null condition when the header is absent, and
    /// false when it is present but malformed or empty, which the caller must reject rather
    /// than ignore: a client that sent an empty If-Match expected a conditional write.
    /// </summary>
    public static bool TryParse(string? header, out EntityTagCondition? condition)
    {
        condition = null;
        if (header is null)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseStrictList([header], out var parsed) || parsed.Count == 0)
        {
            return false;
        }

        // The grammar is "*" or a list of entity tags, never both: "*, \"1\"" is malformed.
        if (parsed.Count > 1 && parsed.Any(tag => tag.Equals(EntityTagHeaderValue.Any)))
        {
            return false;
        }

        condition = new EntityTagCondition(parsed);
        return true;
    }

    /// <summary>If-Match: <c>*</c> or a strong match (weak tags never match).</summary>
    public bool MatchesStrongly(string currentTag) =>
        IsAny || StrongTags.Contains(currentTag, StringComparer.Ordinal);

    /// <summary>If-None-Match: <c>*</c> or a weak match (the W/ prefix is ignored).</summary>
    public bool MatchesWeakly(string currentTag) =>
        IsAny || tags.Any(tag => tag.Tag.Equals(currentTag, StringComparison.Ordinal));
}
