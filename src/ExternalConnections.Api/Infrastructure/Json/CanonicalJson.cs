using System.Globalization;
using System.Numerics;
using System.Text.Json;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// One spelling for all JSON values that PostgreSQL's jsonb considers equal: object members
/// sorted by name, no insignificant whitespace, and every number as its significant digits and
/// an exponent, so <c>1</c>, <c>1.0</c> and <c>10e-1</c> read alike. Hashes of requests use it.
/// </summary>
public static class CanonicalJson
{
    public static byte[] ToUtf8Bytes(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }

        return buffer.ToArray();
    }

    /// <summary>
    /// Rewrites a JSON number as <c>[-]digits e exponent</c> with no leading or trailing zeros in
    /// the digits, and <c>0</c> for any zero. The exponent is a <see cref="BigInteger"/> because
    /// JSON sets no bound on it.
    /// </summary>
    public static string Number(string json)
    {
        var negative = json.StartsWith('-');
        var unsigned = negative ? json[1..] : json;
        var exponentAt = unsigned.IndexOfAny(['e', 'E']);
        var exponent = exponentAt < 0 ? BigInteger.Zero : BigInteger.Parse(unsigned[(exponentAt + 1)..], CultureInfo.InvariantCulture);
        var mantissa = exponentAt < 0 ? unsigned : unsigned[..exponentAt];

        var pointAt = mantissa.IndexOf('.');
        if (pointAt >= 0)
        {
            exponent -= mantissa.Length - pointAt - 1;
            mantissa = mantissa.Remove(pointAt, 1);
        }

        var digits = mantissa.TrimStart('0');
        var significant = digits.TrimEnd('0');
        if (significant.Length == 0)
        {
            return "0";
        }

        exponent += digits.Length - significant.Length;
        return $"{(negative ? "-" : "")}{significant}e{exponent}";
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var member in element.EnumerateObject().OrderBy(member => member.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(member.Name);
                    Write(writer, member.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            case JsonValueKind.Number:
                writer.WriteRawValue(Number(element.GetRawText()), skipInputValidation: true);
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
