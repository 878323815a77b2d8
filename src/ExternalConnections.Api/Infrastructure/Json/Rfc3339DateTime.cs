using System.Globalization;
using System.Text.RegularExpressions;

namespace ExternalConnections.Api.Infrastructure.Json;

/// <summary>
/// Parses and formats RFC 3339 date-times at the precision PostgreSQL <c>timestamptz</c> stores.
/// </summary>
/// <remarks>
/// Input must carry an offset (<c>Z</c> or <c>±hh:mm</c>). Fractional seconds beyond the sixth
/// digit are truncated, as PostgreSQL keeps microseconds. Output is always UTC with six
/// fractional digits, so a value reads back exactly as it was stored.
/// </remarks>
public static partial class Rfc3339DateTime
{
    public const string Example = "2024-05-01T12:30:00Z";

    public const string ExpectedFormat =
        $"Expected an RFC 3339 date-time with an offset, such as {Example} or 2024-05-01T14:30:00+02:00.";

    private const string OutputFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private const int MaxOutputLength = 27;

    public static bool TryParse(string text, out DateTimeOffset value, out string error)
    {
        value = default;
        var match = DateTimePattern().Match(text);
        if (!match.Success)
        {
            error = ExpectedFormat;
            return false;
        }

        if (!match.Groups["offset"].Success)
        {
            error = "The date-time has no offset: add Z for UTC or an offset such as +02:00.";
            return false;
        }

        if (Number(match, "second") == 60)
        {
            error = "Leap seconds (:60) are not supported.";
            return false;
        }

        if (!TryBuildLocal(match, out var local))
        {
            error = "Not a valid calendar date and time of day.";
            return false;
        }

        if (!TryParseOffset(match.Groups["offset"].Value, out var offset))
        {
            error = "The offset must be Z or ±hh:mm with hours 00-23 and minutes 00-59.";
            return false;
        }

        var utcTicks = local.Ticks - offset.Ticks;
        if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
        {
            error = "The instant in UTC must fall within the years 0001 to 9999.";
            return false;
        }

        value = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        error = string.Empty;
        return true;
    }

    /// <summary>Drops the digits below one microsecond, as PostgreSQL does when storing.</summary>
    public static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    public static bool TryFormat(DateTimeOffset value, Span<char> destination, out int written) =>
        value.UtcDateTime.TryFormat(destination, out written, OutputFormat, CultureInfo.InvariantCulture);

    public static string Format(DateTimeOffset value)
    {
        Span<char> buffer = stackalloc char[MaxOutputLength];
        TryFormat(value, buffer, out var written);
        return new string(buffer[..written]);
    }

    private static bool TryBuildLocal(Match match, out DateTime local)
    {
        local = default;
        var year = Number(match, "year");
        var month = Number(match, "month");
        var day = Number(match, "day");
        var hour = Number(match, "hour");
        var minute = Number(match, "minute");
        var second = Number(match, "second");
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified)
            .AddTicks(FractionTicks(match.Groups["fraction"].Value));
        return true;
    }

    // Keeps six digits (microseconds) and ignores the rest, so the value is already truncated.
    private static long FractionTicks(string fraction)
    {
        if (fraction.Length == 0)
        {
            return 0;
        }

        var microseconds = fraction.Length >= 6
            ? int.Parse(fraction.AsSpan(0, 6), CultureInfo.InvariantCulture)
            : int.Parse(fraction.PadRight(6, '0'), CultureInfo.InvariantCulture);
        return microseconds * TimeSpan.TicksPerMicrosecond;
    }

    private static bool TryParseOffset(string text, out TimeSpan offset)
    {
        offset = TimeSpan.Zero;
        if (text is "Z" or "z")
        {
            return true;
        }

        var hours = int.Parse(text.AsSpan(1, 2), CultureInfo.InvariantCulture);
        var minutes = int.Parse(text.AsSpan(4, 2), CultureInfo.InvariantCulture);
        if (hours > 23 || minutes > 59)
        {
            return false;
        }

        offset = new TimeSpan(hours, minutes, 0);
        if (text[0] == '-')
        {
            offset = -offset;
        }

        return true;
    }

    private static int Number(Match match, string group) =>
        int.Parse(match.Groups[group].ValueSpan, CultureInfo.InvariantCulture);

    // [0-9], not \d: \d also matches digits of other scripts, such as Arabic-Indic, which RFC 3339
    // does not allow and int.Parse rejects with a FormatException. \z, not $: $ also matches
    // before a final line feed.
    [GeneratedRegex(
        @"^(?<year>[0-9]{4})-(?<month>[0-9]{2})-(?<day>[0-9]{2})[Tt](?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2})(?:\.(?<fraction>[0-9]+))?(?<offset>[Zz]|[+-][0-9]{2}:[0-9]{2})?\z",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex DateTimePattern();
}
