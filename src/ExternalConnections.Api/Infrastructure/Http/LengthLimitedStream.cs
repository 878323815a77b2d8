namespace ExternalConnections.Api.Infrastructure.Http;

/// <summary>
/// A read-only view of a request body that fails with 413 once more than a limit of bytes has
/// been read. Kestrel's own limit counts chunked framing too, so it cannot enforce an exact
/// body size; this counts only the body's own bytes.
/// </summary>
public sealed class LengthLimitedStream(Stream inner, long limit) : Stream
{
    private long bytesRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => bytesRead;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        bytesRead += read;
        if (bytesRead > limit)
        {
            throw new BadHttpRequestException($"The request body exceeds {limit} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}
