using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace ExternalConnections.Api.Connections.Listing;

/// <summary>
/// Position after the last record of a page: its sort key and id, and the sort it belongs to.
/// </summary>
/// <remarks>
/// Encoded as base64url of: format version (1 byte), sort (1 byte), sort-key ticks (8 bytes),
/// id (16 bytes) and the first 8 bytes of the SHA-256 of those 26 bytes. The checksum makes an
/// altered cursor fail to decode. It is not a signature: a cursor only names a position, and
/// the filters of every page come from the query, so a forged one cannot reach other records.
/// </remarks>
public readonly record struct ListCursor(ConnectionSort Sort, DateTimeOffset SortKey, Guid Id)
{
    private const byte FormatVersion = 1;
    private const int PayloadLength = 26;
    private const int ChecksumLength = 8;
    private const int EncodedByteLength = PayloadLength + ChecksumLength;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[EncodedByteLength];
        bytes[0] = FormatVersion;
        bytes[1] = (byte)Sort;
        BinaryPrimitives.WriteInt64BigEndian(bytes[2..], SortKey.UtcTicks);
        Id.TryWriteBytes(bytes[10..PayloadLength], bigEndian: true, out _);
        Checksum(bytes[..PayloadLength]).CopyTo(bytes[PayloadLength..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryDecode(string text, out ListCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[EncodedByteLength];
        // DecodeFromChars reports invalid characters as InvalidData, where TryDecodeFromChars throws.
        if (text.Length != Base64Url.GetEncodedLength(EncodedByteLength)
            || Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done
            || written != EncodedByteLength
            || bytes[0] != FormatVersion
            || !Checksum(bytes[..PayloadLength]).SequenceEqual(bytes[PayloadLength..])
            || !Enum.IsDefined((ConnectionSort)bytes[1]))
        {
            return false;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[2..]);
        if (ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
        {
            return false;
        }

        cursor = new ListCursor(
            (ConnectionSort)bytes[1],
            new DateTimeOffset(ticks, TimeSpan.Zero),
            new Guid(bytes[10..PayloadLength], bigEndian: true));

        // Base64url leaves spare bits in the last character; only the canonical spelling is valid.
        return cursor.Encode() == text;
    }

    private static byte[] Checksum(ReadOnlySpan<byte> payload) => SHA256.HashData(payload)[..ChecksumLength];
}
