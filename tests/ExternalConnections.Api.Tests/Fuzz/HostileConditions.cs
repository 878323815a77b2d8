using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// A generated If-Match or If-None-Match value and its meaning under RFC 9110 (section 13.1):
/// <c>*</c>, or a comma-separated list of entity tags, each <c>"opaque"</c> or <c>W/"opaque"</c>
/// with opaque characters from %x21, %x23-7E. <see cref="Valid"/> is null where the service may
/// reject the value or read it leniently: a lowercase <c>w/</c>, which ASP.NET Core's parser
/// takes as weak, and values whose meaning is unclear (<see cref="MeaningKnown"/> false): an
/// empty value, or <c>*</c> mixed with tags.
/// </summary>
/// <remarks>
/// NOTE: obs-text (%x80-FF), which RFC 9110 allows in tags, is not generated: Kestrel rejects
/// non-ASCII header bytes with a 400 that has no body, before the service receives the request.
/// </remarks>
public sealed record ConditionHeader(string Value, bool? Valid, bool MeaningKnown, bool IsAny, IReadOnlyList<(bool Weak, string Opaque)> Tags)
{
    /// <summary>If-Match: <c>*</c> or a strong tag equal to the current one; a weak tag never matches.</summary>
    public bool MatchesStrongly(string currentTag) => IsAny || Tags.Any(tag => !tag.Weak && tag.Opaque == currentTag);

    /// <summary>If-None-Match: <c>*</c> or any tag whose opaque part equals the current one.</summary>
    public bool MatchesWeakly(string currentTag) => IsAny || Tags.Any(tag => tag.Opaque == currentTag);
}

/// <summary>Generators of conditional request headers, well-formed and malformed.</summary>
public static class HostileConditions
{
    private static readonly string[] ValidElements =
    [
        "\"1\"", "\"2\"", "\"3\"", "W/\"1\"", "W/\"2\"", "\"\"", "\"01\"", "\" 1\"".Trim(), "\"2147483648\"", "\"-1\"",
        "\"a!#$%&'()*+,-./:;<=>?@[]^_`{|}~\"",
    ];

    private static readonly string[] InvalidElements =
    [
        "1", "\"1", "1\"", "W/1", "\"a\"b\"", "**", "W/*", "\"1\"\"2\"", "'1'", "W/",
    ];

    /// <summary>
    /// Malformed under RFC 9110, but read leniently by ASP.NET Core's parser: a lowercase weak
    /// prefix or one followed by a space as weak, and a space or a backslash escape as if the tag
    /// were a quoted-string. No such reading lets a precondition pass that should fail.
    /// </summary>
    private static readonly string[] LenientElements = ["w/\"1\"", "w/\"2\"", "W/ \"1\"", "\"\\\"\"", "\"a b\""];

    private static readonly Gen<string> Separator = Gen.OneOf(", ", ",", " , ", ",\t", ", , ");

    public static readonly Gen<ConditionHeader> Any =
        from count in Gen.Frequency((10, Gen.Int[1, 3]), (1, Gen.Const(0)), (1, Gen.Int[4, 30]))
        from elements in Gen.Frequency(
            (30, Gen.Frequency((12, Gen.OneOf(ValidElements)), (2, Gen.OneOf(InvalidElements)), (1, Gen.OneOf(LenientElements))).Array[count]),
            (4, Gen.Const<string[]>(["*"])),
            (1, Gen.OneOf(ValidElements).Array[count].Select(tags => tags.Append("*").ToArray())))
        from separators in Separator.Array[count + 1]
        select Judge(elements, separators);

    private static ConditionHeader Judge(string[] elements, string[] separators)
    {
        // An unmatched quote before the last element would join the elements after it into one
        // quoted string, which ASP.NET Core accepts. Judging that would need a parser, so such an
        // element is only ever the last one.
        elements = [.. elements.Select((element, index) => index < elements.Length - 1 && element.Count(c => c == '"') % 2 == 1 ? "**" : element)];
        var value = string.Concat(elements.Select((element, index) => (index == 0 ? string.Empty : separators[index]) + element));
        var tags = new List<(bool, string)>();
        var valid = elements.All(element => element == "*" || ValidElements.Contains(element, StringComparer.Ordinal));
        var isAny = elements.Contains("*", StringComparer.Ordinal);
        foreach (var element in elements.Where(element => element != "*"))
        {
            var weak = element.StartsWith("W/", StringComparison.OrdinalIgnoreCase);
            tags.Add((weak, weak ? element[2..].TrimStart() : element));
        }

        var meaningKnown = !(elements.Length == 0 || (isAny && elements.Length > 1));
        var lenient = elements.Any(element => LenientElements.Contains(element, StringComparer.Ordinal))
            && elements.All(element => element == "*" || ValidElements.Contains(element, StringComparer.Ordinal) || LenientElements.Contains(element, StringComparer.Ordinal));
        bool? verdict = !meaningKnown || lenient ? null : valid;
        return new ConditionHeader(value, verdict, meaningKnown, isAny, tags);
    }
}
