using System.Buffers;

namespace AssetService.Core.Common;

/// <summary>
/// A response body already written as UTF-8 JSON, in an array rented from the shared pool. Period pages are
/// written here row by row while PostgreSQL's rows are read, with no object per row, and sent with one copy
/// and a Content-Length. Written completely before anything is sent, so a failure while reading is still a
/// clean error response. The result that sends it returns the array to the pool.
/// </summary>
public sealed class JsonBuffer : IBufferWriter<byte>, IDisposable
{
    private byte[] buffer;
    private int written;

    public JsonBuffer(int initialBytes = 16 * 1024) => buffer = ArrayPool<byte>.Shared.Rent(initialBytes);

    public ReadOnlyMemory<byte> Written => buffer.AsMemory(0, written);

    public void Advance(int count) => written += count;

    public Memory<byte> GetMemory(int sizeHint = 0) => Reserve(sizeHint).AsMemory(written);

    public Span<byte> GetSpan(int sizeHint = 0) => Reserve(sizeHint).AsSpan(written);

    private byte[] Reserve(int sizeHint)
    {
        var needed = written + Math.Max(sizeHint, 1);
        if (needed <= buffer.Length) return buffer;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, buffer.Length * 2));
        buffer.AsSpan(0, written).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(buffer);
        return buffer = larger;
    }

    public void Dispose()
    {
        if (buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(buffer);
        buffer = [];
        written = 0;
    }
}
