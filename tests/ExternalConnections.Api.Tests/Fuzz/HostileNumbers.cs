using System.Globalization;
using System.Numerics;
using CsCheck;

namespace ExternalConnections.Api.Tests.Fuzz;

/// <summary>
/// A JSON number literal and how PostgreSQL <c>numeric</c> (which stores jsonb numbers) takes it.
/// </summary>
/// <param name="Literal">The number as sent.</param>
/// <param name="Storable">
/// Whether <c>numeric</c> can hold it: the exponent is below 2^30 - 1 in magnitude, and at most
/// 16,383 digits follow the decimal point once the exponent is applied (PostgreSQL 15, numeric.c).
/// </param>
/// <param name="StoredLength">Characters of the number as PostgreSQL writes it out (<c>1e3</c> is <c>1000</c>).</param>
public sealed record NumberCase(string Literal, bool Storable, long StoredLength)
{
    private const long MaxExponentMagnitude = int.MaxValue / 2;

    private const long MaxFractionDigits = 16_383;

    /// <summary>Sign, integer digits, fraction digits and exponent, from everyday to past every limit.</summary>
    public static readonly Gen<NumberCase> Any =
        from negative in Gen.Frequency((3, Gen.Const(false)), (1, Gen.Const(true)))
        from integerPart in Gen.Frequency(
            (10, Gen.Const("0")),
            (30, Digits(1, 6)),
            (3, Digits(17, 40)),
            (1, Digits(300, 2_000)))
        from fractionPart in Gen.Frequency(
            (10, Gen.Const(string.Empty)),
            (8, Digits(1, 6, leadingZeros: true)),
            (2, Digits(15, 40, leadingZeros: true)),
            (1, Digits(16_380, 16_386, leadingZeros: true)))
        from exponent in Gen.Frequency(
            (14, Gen.Const(string.Empty)),
            (8, Gen.Int[-30, 30].Select(value => value.ToString(CultureInfo.InvariantCulture))),
            (4, Gen.OneOf(
                "308", "309", "400", "-324", "-400", "-16383", "-16384", "-20000", "+1000", "65525", "65535",
                "131072", "1073741822", "1073741823", "-1073741822", "-1073741823", "00", "-0", "+0")),
            (1, Gen.OneOf("99999999999999999999", "-99999999999999999999")))
        from marker in Gen.OneOf("e", "E")
        select Create(negative, integerPart, fractionPart, exponent.Length == 0 ? string.Empty : marker + exponent);

    public static NumberCase Create(bool negative, string integerPart, string fractionPart, string exponentPart)
    {
        var literal = (negative ? "-" : string.Empty)
            + integerPart
            + (fractionPart.Length > 0 ? "." + fractionPart : string.Empty)
            + exponentPart;
        var exponent = exponentPart.Length == 0
            ? BigInteger.Zero
            : BigInteger.Parse(exponentPart.AsSpan(1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        if (BigInteger.Abs(exponent) >= MaxExponentMagnitude)
        {
            return new NumberCase(literal, false, 0);
        }

        // The value is digits x 10^(exponent - fraction digits); numeric keeps that many fraction digits.
        var shift = (long)exponent - fractionPart.Length;
        var displayScale = Math.Max(0, -shift);
        if (displayScale > MaxFractionDigits)
        {
            return new NumberCase(literal, false, 0);
        }

        var digits = (integerPart + fractionPart).TrimStart('0');
        var fractionLength = displayScale > 0 ? 1 + displayScale : 0;
        if (digits.Length == 0)
        {
            // Zero: PostgreSQL drops the sign of -0 and keeps the fraction digits.
            return new NumberCase(literal, true, 1 + fractionLength);
        }

        var integerDigits = Math.Max(1, digits.Length + shift);
        return new NumberCase(literal, true, integerDigits + fractionLength + (negative ? 1 : 0));
    }

    /// <summary>Decimal digits, the first not zero unless <paramref name="leadingZeros"/>, built from one seed so long runs stay cheap.</summary>
    private static Gen<string> Digits(int minLength, int maxLength, bool leadingZeros = false) =>
        from length in Gen.Int[minLength, maxLength]
        from seed in Gen.Int
        select MakeDigits(length, new Random(seed), leadingZeros);

    private static string MakeDigits(int length, Random random, bool leadingZeros)
    {
        var digits = new char[length];
        for (var index = 0; index < length; index++)
        {
            digits[index] = (char)('0' + random.Next(10));
        }

        if (!leadingZeros && digits[0] == '0')
        {
            digits[0] = '1';
        }

        return new string(digits);
    }
}
