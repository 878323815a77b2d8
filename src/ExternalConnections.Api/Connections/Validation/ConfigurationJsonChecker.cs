using System.Globalization;
using System.Text;
using System.Text.Json;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Connections.Validation;

/// <summary>
/// Checks a <c>configurationJson</c> value against what PostgreSQL jsonb can store and the
/// service's limits, and reports each problem at the JSON path of the offending value.
/// </summary>
/// <remarks>
/// Size is measured twice, as compact UTF-8 JSON: once with numbers as sent and once with
/// numbers written out in full, because jsonb keeps numbers as <c>numeric</c> and returns
/// <c>1e5</c> as <c>100000</c>. Both must fit <see cref="ConnectionLimits.ConfigurationMaxBytes"/>,
/// so a small request cannot store a value that every later read returns a thousand times larger.
/// Duplicate keys never get here: the JSON reader rejects them.
/// </remarks>
public sealed class ConfigurationJsonChecker
{
    // PostgreSQL rejects exponents at or beyond INT_MAX / 2 before building a numeric.
    private const long MaxExponentMagnitude = int.MaxValue / 2;

    private readonly List<(string Path, string Message)> errors = [];
    private long sentBytes;
    private long storedBytes;
    private bool depthReported;

    private ConfigurationJsonChecker()
    {
    }

    /// <summary>Returns every rule the value breaks, each with the path of the offending part.</summary>
    public static IReadOnlyList<(string Path, string Message)> Check(JsonElement value, string path)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            return [(path, "Expected a JSON object or null.")];
        }

        var checker = new ConfigurationJsonChecker();
        checker.Visit(value, path, depth: 1);
        checker.CheckSize(path);
        return checker.errors;
    }

    private void Visit(JsonElement element, string path, int depth)
    {
        // Only objects and arrays are levels: a string or number inside the deepest allowed level is fine.
        if (depth > ConnectionLimits.ConfigurationMaxDepth && element.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            ReportDepthOnce(path);
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                VisitObject(element, path, depth);
                break;
            case JsonValueKind.Array:
                VisitArray(element, path, depth);
                break;
            case JsonValueKind.String:
                VisitString(element, path);
                break;
            case JsonValueKind.Number:
                VisitNumber(element.GetRawText(), path);
                break;
            default:
                AddBoth(element.GetRawText().Length);
                break;
        }
    }

    private void VisitObject(JsonElement element, string path, int depth)
    {
        var count = 0;
        foreach (var property in element.EnumerateObject())
        {
            count++;
            string name;
            try
            {
                name = property.Name;
            }
            catch (InvalidOperationException)
            {
                errors.Add((path, $"A property name is invalid: {JsonMessages.UnpairedSurrogate}"));
                continue;
            }

            var propertyPath = JsonPath.Property(path, name);
            AddBoth(MeasureString(name, propertyPath) + 1);
            Visit(property.Value, propertyPath, depth + 1);
        }

        AddBoth(2 + Math.Max(0, count - 1));
    }

    private void VisitArray(JsonElement element, string path, int depth)
    {
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            Visit(item, JsonPath.Index(path, index), depth + 1);
            index++;
        }

        AddBoth(2 + Math.Max(0, index - 1));
    }

    private void VisitString(JsonElement element, string path)
    {
        string text;
        try
        {
            text = element.GetString()!;
        }
        catch (InvalidOperationException)
        {
            errors.Add((path, JsonMessages.UnpairedSurrogate));
            return;
        }

        AddBoth(MeasureString(text, path));
    }

    /// <summary>
    /// Returns the compact UTF-8 size of a string as JSON, after reporting a NUL character,
    /// which PostgreSQL cannot store in jsonb.
    /// </summary>
    private int MeasureString(string text, string path)
    {
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            errors.Add((path, JsonMessages.NulCharacter));
        }

        return 2 + Encoding.UTF8.GetByteCount(text) + EscapeOverhead(text);
    }

    private static int EscapeOverhead(string text)
    {
        var overhead = 0;
        foreach (var character in text)
        {
            overhead += character switch
            {
                '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' => 1,
                < ' ' => 5,
                _ => 0,
            };
        }

        return overhead;
    }

    private void VisitNumber(string literal, string path)
    {
        sentBytes += literal.Length;
        var number = NumberShape.Parse(literal);
        if (number.Exponent is >= MaxExponentMagnitude or <= -MaxExponentMagnitude
            || number.FractionDigitsStored > ConnectionLimits.ConfigurationMaxFractionDigits)
        {
            errors.Add((path, "Number out of range: PostgreSQL stores at most "
                + $"{ConnectionLimits.ConfigurationMaxFractionDigits:N0} digits after the decimal point."));
            return;
        }

        storedBytes += number.StoredLength;
    }

    private void ReportDepthOnce(string path)
    {
        if (depthReported)
        {
            return;
        }

        depthReported = true;
        errors.Add((path, $"Nested too deeply: at most {ConnectionLimits.ConfigurationMaxDepth} levels "
            + "of objects and arrays are allowed, counting configurationJson itself as level 1."));
    }

    private void CheckSize(string path)
    {
        var limit = ConnectionLimits.ConfigurationMaxBytes;
        if (sentBytes > limit)
        {
            errors.Add((path, $"Too large: {sentBytes:N0} bytes as compact UTF-8 JSON; the maximum is {limit:N0}."));
        }
        else if (storedBytes > limit)
        {
            errors.Add((path, $"Too large as stored: {storedBytes:N0} bytes with numbers written out in full "
                + $"(PostgreSQL stores 1e3 as 1000); the maximum is {limit:N0}."));
        }
    }

    private void AddBoth(long bytes)
    {
        sentBytes += bytes;
        storedBytes += bytes;
    }

    /// <summary>A JSON number literal split into the parts that decide how PostgreSQL stores it.</summary>
    private readonly record struct NumberShape(long Exponent, long FractionDigitsStored, long StoredLength)
    {
        public static NumberShape Parse(string literal)
        {
            var mantissaEnd = literal.IndexOfAny(['e', 'E']);
            var mantissa = mantissaEnd < 0 ? literal : literal[..mantissaEnd];
            var exponent = mantissaEnd < 0 ? 0 : ParseExponent(literal[(mantissaEnd + 1)..]);

            var negative = mantissa.StartsWith('-');
            var unsigned = negative ? mantissa[1..] : mantissa;
            var point = unsigned.IndexOf('.', StringComparison.Ordinal);
            var integerPart = point < 0 ? unsigned : unsigned[..point];
            var fractionPart = point < 0 ? string.Empty : unsigned[(point + 1)..];

            // PostgreSQL keeps the fraction digits sent, shifted by the exponent, never below zero.
            var fractionDigits = Math.Max(0, fractionPart.Length - exponent);
            var digits = integerPart + fractionPart;
            var leadingZeros = digits.Length - digits.TrimStart('0').Length;
            var isZero = leadingZeros == digits.Length;
            var integerDigits = isZero ? 1 : Math.Max(1, integerPart.Length + exponent - leadingZeros);

            var length = integerDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0) + (negative && !isZero ? 1 : 0);
            return new NumberShape(exponent, fractionDigits, length);
        }

        private static long ParseExponent(string text) =>
            long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
                ? exponent
                : text.StartsWith('-') ? long.MinValue : long.MaxValue;
    }
}
