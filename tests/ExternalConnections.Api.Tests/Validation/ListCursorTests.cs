using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using ExternalConnections.Api.Connections.Listing;

namespace ExternalConnections.Api.Tests.Validation;

/// <summary>
/// The page cursor: base64url of version (1 byte), sort (1 byte), sort-key ticks (8 bytes,
/// big-endian), id (16 bytes, big-endian) and the first 8 bytes of the SHA-256 of those 26 bytes.
/// </summary>
public sealed class ListCursorTests
{
    private const int EncodedLength = 46;

    private static readonly Guid SampleId = Guid.Parse("01932c0e-8f6a-7b3c-9d4e-5f60718293a4");

    public static TheoryData<ConnectionSort> Sorts => new(Enum.GetValues<ConnectionSort>());

    [Theory]
    [MemberData(nameof(Sorts))]
    public void Encode_ThenTryDecode_ReturnsSameCursor(ConnectionSort sort)
    {
        var cursor = new ListCursor(sort, new DateTimeOffset(2024, 5, 1, 12, 30, 0, 123, 456, TimeSpan.Zero), SampleId);

        var decoded = ListCursor.TryDecode(cursor.Encode(), out var result);

        Assert.True(decoded);
        Assert.Equal(cursor, result);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(3155378975999999999L)]
    public void Encode_ThenTryDecode_KeepsExtremeSortKeys(long ticks)
    {
        var cursor = new ListCursor(ConnectionSort.UpdatedAtAscending, new DateTimeOffset(ticks, TimeSpan.Zero), Guid.Empty);

        var decoded = ListCursor.TryDecode(cursor.Encode(), out var result);

        Assert.True(decoded);
        Assert.Equal(ticks, result.SortKey.UtcTicks);
    }

    [Fact]
    public void Encode_UsesBase64UrlWithoutPadding()
    {
        var text = new ListCursor(ConnectionSort.CreatedAtDescending, DateTimeOffset.UnixEpoch, SampleId).Encode();

        Assert.Equal(EncodedLength, text.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", text);
    }

    [Fact]
    public void Encode_WritesSortKeyInUtc()
    {
        var local = new DateTimeOffset(2024, 5, 1, 14, 30, 0, TimeSpan.FromHours(2));
        var utc = local.ToUniversalTime();

        var fromLocal = new ListCursor(ConnectionSort.CreatedAtAscending, local, SampleId).Encode();
        var fromUtc = new ListCursor(ConnectionSort.CreatedAtAscending, utc, SampleId).Encode();

        Assert.Equal(fromUtc, fromLocal);
    }

    [Fact]
    public void TryDecode_WithAnyCharacterChanged_ReturnsFalse()
    {
        var text = new ListCursor(ConnectionSort.UpdatedAtDescending, DateTimeOffset.UnixEpoch, SampleId).Encode();

        for (var position = 0; position < text.Length; position++)
        {
            var replacement = text[position] == 'A' ? 'B' : 'A';
            var altered = string.Concat(text.AsSpan(0, position), replacement.ToString(), text.AsSpan(position + 1));

            Assert.False(ListCursor.TryDecode(altered, out _), $"A change at position {position} was accepted: {altered}");
        }
    }

    [Fact]
    public void TryDecode_WithNonCanonicalLastCharacter_ReturnsFalse()
    {
        // 34 bytes leave 4 unused bits in the last of 46 characters, so other letters decode to the same bytes.
        var text = new ListCursor(ConnectionSort.CreatedAtAscending, DateTimeOffset.UnixEpoch, SampleId).Encode();
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var lastValue = alphabet.IndexOf(text[^1], StringComparison.Ordinal);
        var sameBits = alphabet[(lastValue & 0b110000) | 0b0001];
        Assert.NotEqual(text[^1], sameBits);

        var decoded = ListCursor.TryDecode(text[..^1] + sameBits, out _);

        Assert.False(decoded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("A")]
    [InlineData("not a cursor")]
    public void TryDecode_WithShortText_ReturnsFalse(string text)
    {
        Assert.False(ListCursor.TryDecode(text, out _));
    }

    [Fact]
    public void TryDecode_WithExtraOrMissingCharacter_ReturnsFalse()
    {
        var text = new ListCursor(ConnectionSort.CreatedAtAscending, DateTimeOffset.UnixEpoch, SampleId).Encode();

        Assert.False(ListCursor.TryDecode(text + "A", out _));
        Assert.False(ListCursor.TryDecode(text[..^1], out _));
        Assert.False(ListCursor.TryDecode(text + "==", out _));
    }

    [Fact]
    public void TryDecode_WithStandardBase64Characters_ReturnsFalse()
    {
        var text = new ListCursor(ConnectionSort.CreatedAtAscending, DateTimeOffset.UnixEpoch, SampleId).Encode();
        var standard = text.Replace('-', '+').Replace('_', '/');
        var withStandardCharacter = standard == text ? "+" + text[1..] : standard;

        Assert.False(ListCursor.TryDecode(withStandardCharacter, out _));
    }

    [Fact]
    public void TryDecode_WithUnknownVersion_ReturnsFalse()
    {
        var text = EncodeRaw(version: 2, sort: 0, ticks: 0, SampleId);

        Assert.False(ListCursor.TryDecode(text, out _));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(255)]
    public void TryDecode_WithUndefinedSort_ReturnsFalse(byte sort)
    {
        var text = EncodeRaw(version: 1, sort, ticks: 0, SampleId);

        Assert.False(ListCursor.TryDecode(text, out _));
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(long.MinValue)]
    [InlineData(3155378976000000000L)]
    [InlineData(long.MaxValue)]
    public void TryDecode_WithTicksOutOfRange_ReturnsFalse(long ticks)
    {
        var text = EncodeRaw(version: 1, sort: 0, ticks, SampleId);

        Assert.False(ListCursor.TryDecode(text, out _));
    }

    [Fact]
    public void TryDecode_WithHandBuiltCursor_ReadsEachField()
    {
        var text = EncodeRaw(version: 1, sort: (byte)ConnectionSort.UpdatedAtAscending, ticks: 638_500_000_000_000_000, SampleId);

        var decoded = ListCursor.TryDecode(text, out var cursor);

        Assert.True(decoded);
        Assert.Equal(ConnectionSort.UpdatedAtAscending, cursor.Sort);
        Assert.Equal(638_500_000_000_000_000, cursor.SortKey.UtcTicks);
        Assert.Equal(SampleId, cursor.Id);
    }

    /// <summary>Writes the cursor format by hand, with a correct checksum, to reach the checks behind it.</summary>
    private static string EncodeRaw(byte version, byte sort, long ticks, Guid id)
    {
        var bytes = new byte[34];
        bytes[0] = version;
        bytes[1] = sort;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2), ticks);
        id.TryWriteBytes(bytes.AsSpan(10, 16), bigEndian: true, out _);
        SHA256.HashData(bytes.AsSpan(0, 26)).AsSpan(0, 8).CopyTo(bytes.AsSpan(26));
        return Base64Url.EncodeToString(bytes);
    }
}
