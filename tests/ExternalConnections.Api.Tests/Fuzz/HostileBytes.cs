using System.Text;
using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// Bodies that are not valid JSON, or valid JSON in a form the service must refuse: random bytes,
/// token soup, truncated and corrupted valid bodies, invalid UTF-8, other encodings and content types.
/// </summary>
public static class HostileBytes
{
    private static readonly string[] Tokens =
    [
        "{", "}", "[", "]", ":", ",", "\"", "\\", "\"label\"", "\"provider\"", "\"slack\"", "1", "-0", "1e400", "01", ".5", "1.",
        "+1", "0x10", "NaN", "Infinity", "true", "false", "null", "nul", "tru", "'x'", "//c\n", "/*c*/", " ", "\t", "\n",
        "\u00a0", "\f", "\v", "\u2028", "\ufeff", "\"\\ud800\"", "\"\\u0000\"", "\"\\x41\"", "\"\\u12\"", "\"\u0001\"", ",}", "[,]",
    ];

    /// <summary>Content-Type values, from the ones the service takes to nonsense.</summary>
    public static readonly Gen<string?> ContentType = Gen.OneOf<string?>(
        "application/json", "application/json; charset=utf-8", "application/json; charset=UTF-16", "application/json; charset=latin1",
        "application/json; charset=nonsense", "application/merge-patch+json", "text/plain", "application/xml", "*/*",
        "application/json;;", "application/", "application/json; charset=\"utf-8\"", "", null);

    /// <summary>Hostile bodies as bytes, each with how it was made for the failure message.</summary>
    public static readonly Gen<byte[]> Body = Gen.Frequency(
        (3, Gen.Byte.Array[0, 300]),
        (4, Gen.OneOf(Tokens).Array[1, 40].Select(tokens => Encoding.UTF8.GetBytes(string.Concat(tokens)))),
        (6, from body in HostileBodies.ValidCreate
            from operation in Gen.Int[0, 6]
            from position in Gen.Int.Positive
            from value in Gen.Byte
            select Corrupt(Encoding.UTF8.GetBytes(body.Json), operation, position, value)),
        (2, Gen.OneOf("", "null", "[]", "\"x\"", "1", "{}", "{\"a\":}", "{,}", "{\"provider\":\"slack\"}}", new string('[', 10_000), new string('{', 100))
            .Select(text => Encoding.UTF8.GetBytes(text))));

    /// <summary>Cuts, flips, inserts or re-encodes bytes of a valid body.</summary>
    private static byte[] Corrupt(byte[] body, int operation, int position, byte value)
    {
        var at = position % Math.Max(1, body.Length);
        return operation switch
        {
            0 => body[..at],
            1 => [.. body[..at], value, .. body[(at + 1)..]],
            2 => [.. body[..at], value, .. body[at..]],
            // Invalid UTF-8 inside the first string: a lone continuation byte, an overlong NUL, an encoded surrogate.
            3 => InsertInString(body, [0x80]),
            4 => InsertInString(body, value % 2 == 0 ? [0xC0, 0x80] : [0xED, 0xA0, 0x80]),
            5 => [0xEF, 0xBB, 0xBF, .. body],
            _ => Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(body)),
        };
    }

    private static byte[] InsertInString(byte[] body, byte[] bytes)
    {
        var quote = Array.IndexOf(body, (byte)'"', Array.IndexOf(body, (byte)':') + 1);
        return quote < 0 ? [.. bytes, .. body] : [.. body[..(quote + 1)], .. bytes, .. body[(quote + 1)..]];
    }
}
