using System.Globalization;
using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// Date-time strings built from their parts, valid and invalid, judged by the documented rules:
/// RFC 3339 with an offset (<c>T</c> and <c>Z</c> in either case), no leap seconds, a real
/// calendar date, offsets up to ±23:59, and an instant in UTC within the years 0001 to 9999.
/// An accepted value comes back in UTC with six fraction digits, truncated to the microsecond.
/// </summary>
public static class HostileDateTime
{
    private const string OutputFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    private static readonly Gen<string> Offset = Gen.Frequency(
        (5, Gen.OneOf("Z", "z")),
        (6, from sign in Gen.OneOf("+", "-")
            from hours in Gen.Int[0, 23]
            from minutes in Gen.Int[0, 59]
            select $"{sign}{hours:D2}:{minutes:D2}"),
        (3, Gen.OneOf("+23:59", "-23:59", "+24:00", "-24:00", "+00:60", "-00:00", "+14:00", "+99:99")),
        (2, Gen.Const(string.Empty)),
        (1, Gen.OneOf("+0530", "+05", "UTC", "+5:30", " Z", "Z ", "GMT", "Z\n", "+01:00\n")));

    private static readonly Gen<string> Fraction = Gen.Frequency(
        (4, Gen.Const(string.Empty)),
        (6, Gen.Int[1, 9].SelectMany(Digits)),
        (2, Gen.Int[10, 40].SelectMany(Digits)),
        (1, Gen.Const(".")));

    private static readonly Gen<Parts> Ordinary =
        from year in Gen.Frequency((6, Gen.Int[1970, 2100]), (3, Gen.Int[1, 9999]), (1, Gen.OneOf(0, 10000)))
        from month in Gen.Frequency((12, Gen.Int[1, 12]), (1, Gen.OneOf(0, 13)))
        from day in Gen.Frequency((8, Gen.Int[1, 28]), (4, Gen.OneOf(29, 30, 31)), (1, Gen.OneOf(0, 32)))
        from hour in Gen.Frequency((12, Gen.Int[0, 23]), (1, Gen.OneOf(24, 99)))
        from minute in Gen.Frequency((12, Gen.Int[0, 59]), (1, Gen.Const(60)))
        from second in Gen.Frequency((12, Gen.Int[0, 59]), (2, Gen.OneOf(60, 61)))
        from fraction in Fraction
        from separator in Gen.Frequency((10, Gen.Const("T")), (3, Gen.Const("t")), (1, Gen.OneOf(" ", "_", "")))
        from offset in Offset
        select new Parts(year, month, day, hour, minute, second, fraction, separator, offset);

    /// <summary>The first and last instants .NET and the service can hold, with offsets that cross them.</summary>
    private static readonly Gen<Parts> RangeEdges =
        from low in Gen.Bool
        from second in Gen.Int[58, 59]
        from fraction in Gen.OneOf(string.Empty, ".9999999", ".999999", ".000001")
        from offset in Gen.OneOf("Z", "+00:00", "-00:00", "+00:01", "-00:01", "+23:59", "-23:59", "+01:00", "-01:00")
        select low
            ? new Parts(1, 1, 1, 0, 0, 0, fraction, "T", offset)
            : new Parts(9999, 12, 31, 23, 59, second, fraction, "T", offset);

    /// <summary>Date-time strings of every kind, some with one digit replaced by a non-ASCII digit.</summary>
    public static readonly Gen<ValueCase> Any =
        from parts in Gen.Frequency((8, Ordinary), (2, RangeEdges))
        from foreignDigit in Gen.Frequency((3, Gen.Const(-1)), (1, Gen.Int[0, 18]))
        from replacement in Gen.OneOf("٢", "２", "߀", "𝟘")
        from seed in Gen.Int
        from escapeRate in Gen.OneOf(0.0, 0.0, 0.2)
        select Judge(parts, foreignDigit, replacement, new Random(seed), escapeRate);

    /// <summary>Date-times the service must accept.</summary>
    public static readonly Gen<ValueCase> Valid = Any.Where(value => value.IsValid);

    private static Gen<string> Digits(int length) =>
        Gen.Int[0, 9].Array[length].Select(digits => "." + string.Concat(digits.Select(digit => (char)('0' + digit))));

    private static ValueCase Judge(Parts parts, int foreignDigit, string replacement, Random random, double escapeRate)
    {
        var text = parts.Text;
        var expected = foreignDigit < 0 ? parts.ExpectedUtc() : null;
        if (foreignDigit >= 0)
        {
            // RFC 3339 digits are ASCII only; a digit from another script must be rejected.
            var positions = text.Select((character, index) => (character, index)).Where(pair => char.IsAsciiDigit(pair.character)).ToList();
            var position = positions[foreignDigit % positions.Count].index;
            text = text[..position] + replacement + text[(position + 1)..];
        }

        var json = RawJson.Quote(text, random, escapeRate);
        return expected is null
            ? ValueCase.Invalid(json, ErrorKey.Exact(string.Empty))
            : ValueCase.Valid(json, "\"" + expected + "\"");
    }

    /// <summary>The parts of one date-time string, each free to be out of range.</summary>
    private sealed record Parts(
        int Year, int Month, int Day, int Hour, int Minute, int Second, string Fraction, string Separator, string Offset)
    {
        public string Text =>
            string.Create(
                CultureInfo.InvariantCulture,
                $"{Year:D4}-{Month:D2}-{Day:D2}{Separator}{Hour:D2}:{Minute:D2}:{Second:D2}{Fraction}{Offset}");

        /// <summary>Returns the instant the service must store, formatted as it responds, or null when the text is invalid.</summary>
        public string? ExpectedUtc()
        {
            if (Year is < 1 or > 9999 || Month is < 1 or > 12 || Day < 1 || Day > DateTime.DaysInMonth(Year, Month)
                || Hour > 23 || Minute > 59 || Second > 59
                || Separator is not ("T" or "t") || Fraction == "." || !TryParseOffset(Offset, out var offset))
            {
                return null;
            }

            var microseconds = Fraction.Length == 0 ? 0 : long.Parse(Fraction[1..].PadRight(6, '0')[..6], CultureInfo.InvariantCulture);
            var utcTicks = new DateTime(Year, Month, Day, Hour, Minute, Second).Ticks
                + (microseconds * TimeSpan.TicksPerMicrosecond)
                - offset.Ticks;
            if (utcTicks < DateTime.MinValue.Ticks || utcTicks > DateTime.MaxValue.Ticks)
            {
                return null;
            }

            return new DateTime(utcTicks, DateTimeKind.Utc).ToString(OutputFormat, CultureInfo.InvariantCulture);
        }

        private static bool TryParseOffset(string text, out TimeSpan offset)
        {
            offset = TimeSpan.Zero;
            if (text is "Z" or "z")
            {
                return true;
            }

            if (text.Length != 6 || text[0] is not ('+' or '-') || text[3] != ':'
                || !int.TryParse(text.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(text.AsSpan(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                || hours > 23 || minutes > 59)
            {
                return false;
            }

            offset = new TimeSpan(hours, minutes, 0) * (text[0] == '-' ? -1 : 1);
            return true;
        }
    }
}
