using System.Text.Json;
using ExternalConnections.Api.Infrastructure.Json;

namespace ExternalConnections.Api.Tests.Validation;

public sealed class Rfc3339DateTimeTests
{
    private static readonly JsonSerializerOptions ConverterOptions = new() { Converters = { new Rfc3339DateTimeOffsetConverter() } };

    /// <summary>Valid input and the UTC instant it names after truncation to microseconds, in round-trip format.</summary>
    public static TheoryData<string, string> ValidInputs => new()
    {
        { "2024-05-01T12:30:00Z", "2024-05-01T12:30:00.0000000Z" },
        { "2024-05-01t12:30:00z", "2024-05-01T12:30:00.0000000Z" },
        { "2024-05-01T14:30:00+02:00", "2024-05-01T12:30:00.0000000Z" },
        { "2024-05-01T09:00:00-03:30", "2024-05-01T12:30:00.0000000Z" },
        { "2024-05-01T12:30:00-00:00", "2024-05-01T12:30:00.0000000Z" },
        { "2024-05-01T12:30:00.5Z", "2024-05-01T12:30:00.5000000Z" },
        { "2024-05-01T12:30:00.1234567Z", "2024-05-01T12:30:00.1234560Z" },
        { "2024-05-01T12:30:00.99999999999999999999Z", "2024-05-01T12:30:00.9999990Z" },
        { "2024-02-29T23:59:59Z", "2024-02-29T23:59:59.0000000Z" },
        { "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000000Z" },
        { "0001-01-01T23:59:00+23:59", "0001-01-01T00:00:00.0000000Z" },
        { "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999990Z" },
        { "9999-12-31T00:00:00-23:59", "9999-12-31T23:59:00.0000000Z" },
    };

    /// <summary>Invalid input and the start of the error TryParse returns.</summary>
    public static TheoryData<string, string> InvalidInputs => new()
    {
        { "2024-05-01T12:30:00", "The date-time has no offset" },
        { "2024-05-01T12:30:00.5", "The date-time has no offset" },
        { "2024-12-31T23:59:60Z", "Leap seconds" },
        { "2024-02-30T00:00:00Z", "Not a valid calendar date" },
        { "2023-02-29T00:00:00Z", "Not a valid calendar date" },
        { "2024-13-01T00:00:00Z", "Not a valid calendar date" },
        { "0000-01-01T00:00:00Z", "Not a valid calendar date" },
        { "2024-05-01T24:00:00Z", "Not a valid calendar date" },
        { "2024-05-01T23:60:00Z", "Not a valid calendar date" },
        { "2024-05-01T12:30:00+24:00", "The offset must be" },
        { "2024-05-01T12:30:00-00:60", "The offset must be" },
        { "0001-01-01T00:30:00+01:00", "The instant in UTC must fall within the years 0001 to 9999." },
        { "9999-12-31T23:30:00-01:00", "The instant in UTC must fall within the years 0001 to 9999." },
        { "2024-05-01 12:30:00Z", Rfc3339DateTime.ExpectedFormat },
        { "2024-05-01T12:30:00Z\n", Rfc3339DateTime.ExpectedFormat },
        { "2024-05-01T12:30:00Z\r\n", Rfc3339DateTime.ExpectedFormat },
        { "\n2024-05-01T12:30:00Z", Rfc3339DateTime.ExpectedFormat },
        { "2024-05-01T12:30:00+02:00\n", Rfc3339DateTime.ExpectedFormat },
        { "\u0662\u0660\u0662\u0664-05-01T12:30:00Z", Rfc3339DateTime.ExpectedFormat },
        { "2024-05-01T12:30:00.\uff11Z", Rfc3339DateTime.ExpectedFormat },
        { "2024-05-01T12:30:00+\u0660\u0662:00", Rfc3339DateTime.ExpectedFormat },
        { "", Rfc3339DateTime.ExpectedFormat },
    };

    [Theory]
    [MemberData(nameof(ValidInputs))]
    public void TryParse_WithValidInput_ReturnsUtcInstant(string input, string expectedUtc)
    {
        var parsed = Rfc3339DateTime.TryParse(input, out var value, out var error);

        Assert.True(parsed, error);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), value);
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(string.Empty, error);
    }

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void TryParse_WithInvalidInput_ReturnsError(string input, string errorStart)
    {
        var parsed = Rfc3339DateTime.TryParse(input, out var value, out var error);

        Assert.False(parsed);
        Assert.StartsWith(errorStart, error, StringComparison.Ordinal);
        Assert.Equal(default, value);
    }

    [Fact]
    public void TryParse_WithAnyCharacterReplaced_NeverThrows()
    {
        const string valid = "2024-05-01T12:30:00.123456+02:00";
        char[] replacements = ['0', '9', 'x', ' ', '+', '-', ':', '.', 'Z', '\n', '\0', 'é', '\u0661', '\uff10', '\ud800'];

        foreach (var position in Enumerable.Range(0, valid.Length))
        {
            foreach (var replacement in replacements)
            {
                var input = string.Concat(valid.AsSpan(0, position), replacement.ToString(), valid.AsSpan(position + 1));

                var parsed = Rfc3339DateTime.TryParse(input, out _, out var error);

                Assert.True(parsed == (error.Length == 0), $"Result and error disagree for '{input}': {error}");
            }
        }
    }

    [Theory]
    [InlineData("2024-05-01T12:30:00Z", "2024-05-01T12:30:00.000000Z")]
    [InlineData("2024-05-01T14:30:00.5+02:00", "2024-05-01T12:30:00.500000Z")]
    [InlineData("0001-01-01T00:00:00Z", "0001-01-01T00:00:00.000000Z")]
    [InlineData("9999-12-31T23:59:59.999999Z", "9999-12-31T23:59:59.999999Z")]
    public void Format_WritesUtcWithSixFractionDigits(string input, string expected)
    {
        Assert.True(Rfc3339DateTime.TryParse(input, out var value, out _));

        Assert.Equal(expected, Rfc3339DateTime.Format(value));
    }

    [Fact]
    public void Format_WithOffsetValue_ConvertsToUtc()
    {
        var value = new DateTimeOffset(2024, 5, 1, 14, 30, 0, TimeSpan.FromHours(2));

        Assert.Equal("2024-05-01T12:30:00.000000Z", Rfc3339DateTime.Format(value));
    }

    [Fact]
    public void Format_WithMaxValue_TruncatesToMicroseconds()
    {
        Assert.Equal("9999-12-31T23:59:59.999999Z", Rfc3339DateTime.Format(DateTimeOffset.MaxValue));
    }

    [Fact]
    public void TryFormat_WithShortBuffer_ReturnsFalse()
    {
        Span<char> buffer = stackalloc char[26];

        var formatted = Rfc3339DateTime.TryFormat(DateTimeOffset.UnixEpoch, buffer, out _);

        Assert.False(formatted);
    }

    [Fact]
    public void TruncateToMicroseconds_DropsTicksBelowOneMicrosecond()
    {
        var value = new DateTimeOffset(638_500_000_000_000_009, TimeSpan.FromHours(3));

        var truncated = Rfc3339DateTime.TruncateToMicroseconds(value);

        Assert.Equal(638_500_000_000_000_000 - TimeSpan.FromHours(3).Ticks, truncated.UtcTicks);
        Assert.Equal(TimeSpan.Zero, truncated.Offset);
    }

    [Fact]
    public void ParseThenFormat_ThenParse_GivesSameInstant()
    {
        Assert.True(Rfc3339DateTime.TryParse("2024-05-01T14:30:00.1234567+02:00", out var first, out _));

        Assert.True(Rfc3339DateTime.TryParse(Rfc3339DateTime.Format(first), out var second, out _));

        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData("1714566600")]
    [InlineData("true")]
    [InlineData("{}")]
    [InlineData("[]")]
    public void Converter_WithNonString_ThrowsExpectedFormat(string json)
    {
        var exception = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DateTimeOffset>(json, ConverterOptions));

        Assert.StartsWith(Rfc3339DateTime.ExpectedFormat, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Converter_WritesWireFormat()
    {
        var json = JsonSerializer.Serialize(new DateTimeOffset(2024, 5, 1, 14, 30, 0, TimeSpan.FromHours(2)), ConverterOptions);

        Assert.Equal("\"2024-05-01T12:30:00.000000Z\"", json);
    }
}
