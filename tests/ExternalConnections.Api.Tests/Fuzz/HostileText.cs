using System.Text;
using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// Generators of hostile strings: odd Unicode, control characters, NUL, unpaired surrogates,
/// whitespace-only text and lengths on both sides of a limit. Each is judged by the rules of text
/// fields: at most the limit in Unicode code points, not blank, no NUL, valid UTF-16.
/// </summary>
public static class HostileText
{
    /// <summary>Characters that break naive handling: JSON escapes, controls, combining marks, RTL, zero-width, BOM, non-BMP.</summary>
    public static readonly int[] OddCodePoints =
    [
        '"', '\\', '/', '\'', '\t', '\n', '\r', '\b', '\f', 0x01, 0x1B, 0x1F, 0x7F, '<', '&', '%', '+', '.', '[', ']', ' ',
        0xE9, 0xDF, 0xA0, 0x0301, 0x0308, 0x20DD, 0x05D0, 0x0627, 0x202E, 0x200F, 0x200B, 0x200C, 0x200D, 0x2060,
        0xFEFF, 0x2003, 0x3000, 0x2028, 0x2029, 0x0085, 0x4E2D, 0xFFFD, 0xFFFE, 0xFFFF, 0xE000,
        0x1F600, 0x1F469, 0x1F4BB, 0x10FFFF, 0x1D11E, 0x20000, 0xE0001,
    ];

    /// <summary>Code points that .NET's <see cref="char.IsWhiteSpace(char)"/> counts as white space.</summary>
    public static readonly int[] WhiteSpaceCodePoints =
        [' ', '\t', '\n', '\r', 0x0B, 0x0C, 0x85, 0xA0, 0x1680, 0x2000, 0x2003, 0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000];

    /// <summary>NUL and unpaired surrogates: neither fits PostgreSQL text.</summary>
    public static readonly int[] ForbiddenCodePoints = [0x0000, 0xD800, 0xDBFF, 0xDC00, 0xDFFF];

    private static readonly Gen<int> AnyScalar =
        Gen.Int[0x20, 0x10FFFF - 0x800].Select(code => code >= 0xD800 ? code + 0x800 : code);

    /// <summary>Mostly ASCII letters, with odd characters mixed in; never NUL or a surrogate.</summary>
    public static readonly Gen<int> CodePoint = Gen.Frequency(
        (60, Gen.Int['a', 'z']),
        (8, Gen.Int['0', '9']),
        (25, Gen.OneOf(OddCodePoints)),
        (7, AnyScalar));

    /// <summary>Like <see cref="CodePoint"/>, but NUL and unpaired surrogates turn up too.</summary>
    public static readonly Gen<int> HostileCodePoint = Gen.Frequency(
        (95, CodePoint),
        (5, Gen.OneOf(ForbiddenCodePoints)));

    private static readonly Gen<double> EscapeRate = Gen.OneOf(0.0, 0.0, 0.05, 0.3, 1.0);

    /// <summary>A text field's value: valid and invalid strings around <paramref name="limit"/>.</summary>
    public static Gen<ValueCase> Field(int limit) =>
        from codePoints in CodePoints(limit, hostile: true)
        from seed in Gen.Int
        from escapeRate in EscapeRate
        select Judge(FromCodePoints(codePoints), limit, new Random(seed), escapeRate);

    /// <summary>A text field's value that the service must accept.</summary>
    public static Gen<ValueCase> ValidField(int limit) =>
        from codePoints in CodePoints(limit, hostile: false)
        from seed in Gen.Int
        from escapeRate in EscapeRate
        let value = FromCodePoints(codePoints)
        where IsValid(value, limit)
        select Judge(value, limit, new Random(seed), escapeRate);

    /// <summary>Short strings for object keys and unknown property names, hostile characters included.</summary>
    public static Gen<string> ShortString(bool hostile) =>
        from length in Gen.Int[0, 8]
        from codePoints in (hostile ? HostileCodePoint : CodePoint).Array[length]
        select FromCodePoints(codePoints);

    public static string FromCodePoints(IEnumerable<int> codePoints)
    {
        var builder = new StringBuilder();
        foreach (var code in codePoints)
        {
            // Surrogate code points are kept as lone UTF-16 units, which only JSON escapes can carry.
            if (code <= 0xFFFF)
            {
                builder.Append((char)code);
            }
            else
            {
                builder.Append(char.ConvertFromUtf32(code));
            }
        }

        return builder.ToString();
    }

    public static ValueCase Judge(string value, int limit, Random random, double escapeRate)
    {
        var json = RawJson.Quote(value, random, escapeRate);
        return IsValid(value, limit) ? ValueCase.Valid(json) : ValueCase.Invalid(json, ErrorKey.Exact(string.Empty));
    }

    /// <summary>Not blank, at most <paramref name="limit"/> code points, no NUL, no unpaired surrogate.</summary>
    public static bool IsValid(string value, int limit) =>
        !string.IsNullOrWhiteSpace(value)
        && !value.Contains('\0', StringComparison.Ordinal)
        && !HasUnpairedSurrogate(value)
        && CountCodePoints(value) <= limit;

    public static bool HasUnpairedSurrogate(string value)
    {
        for (var index = 0; index < value.Length; index++)
        {
            if (char.IsHighSurrogate(value[index]) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                index++;
            }
            else if (char.IsSurrogate(value[index]))
            {
                return true;
            }
        }

        return false;
    }

    public static int CountCodePoints(string value)
    {
        var count = 0;
        for (var index = 0; index < value.Length; index++)
        {
            if (char.IsHighSurrogate(value[index]) && index + 1 < value.Length && char.IsLowSurrogate(value[index + 1]))
            {
                index++;
            }

            count++;
        }

        return count;
    }

    /// <summary>
    /// Code points for one string: short ones, ones of exactly the limit and one either side,
    /// longer ones, empty ones, white space only, and non-BMP only (two UTF-16 units each).
    /// </summary>
    private static Gen<int[]> CodePoints(int limit, bool hostile)
    {
        var length = hostile
            ? Gen.Frequency(
                (30, Gen.Int[1, 16]),
                (8, Gen.OneOf(limit - 1, limit, limit + 1)),
                (3, Gen.Int[limit + 2, limit * 2]),
                (3, Gen.Const(0)))
            : Gen.Frequency((30, Gen.Int[1, 16]), (4, Gen.OneOf(limit - 1, limit)));
        var mixed = hostile ? HostileCodePoint : CodePoint;
        var kind = hostile
            ? Gen.Frequency(
                (20, Gen.Const(mixed)),
                (2, Gen.Const(Gen.OneOf(0x1F600, 0x10FFFF, 0x20000, 0x1F469))),
                (2, Gen.Const(Gen.OneOf(WhiteSpaceCodePoints))))
            : Gen.Frequency((20, Gen.Const(mixed)), (2, Gen.Const(Gen.OneOf(0x1F600, 0x10FFFF, 0x20000))));
        return from count in length
               from codePoint in kind
               from codePoints in codePoint.Array[count]
               select codePoints;
    }
}
