using System.Buffers.Binary;
using System.Buffers.Text;

namespace AssetService.Core.Changes;

/// <summary>
/// The position after a change: the writing transaction's id and the change's id, which order the
/// feed totally. On the wire an opaque base64url string of both, big-endian.
/// </summary>
public readonly record struct ChangeCursor(long Xid, long Id)
{
    /// <summary>Before every change: what an omitted <c>after</c> means.</summary>
    public static readonly ChangeCursor Start = new(0, 0);

    public bool IsStart => this == Start;

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, Xid);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], Id);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string text, out ChangeCursor cursor)
    {
        cursor = Start;
        Span<byte> bytes = stackalloc byte[16];
        if (text.Length != 22 || !Base64Url.TryDecodeFromChars(text, bytes, out var written) || written != 16) return false;
        cursor = new ChangeCursor(BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes[8..]));
        return cursor.Xid >= 0 && cursor.Id >= 0;
    }
}
