using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace AssetService.Core.Common;

/// <summary>Why a body is not one JSON value: the reason and where it was found (1-based line, byte in that line).</summary>
public sealed class InvalidJsonException(string reason, long line, long bytePositionInLine) : Exception(reason)
{
    public long Line { get; } = line;
    public long BytePositionInLine { get; } = bytePositionInLine;
}

/// <summary>
/// The one reader of JSON text from outside, for request bodies and queue messages alike: valid UTF-8
/// throughout (also inside strings, which the JSON reader would only check when a binder reads them),
/// exactly one JSON value with nothing but whitespace after it, at most 64 levels deep.
/// </summary>
public static class StrictJson
{
    public const int MaxDepth = 64;

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    public static JsonElement Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.StartsWith(Utf8Bom)) utf8 = utf8[Utf8Bom.Length..];
        if (!Utf8.IsValid(utf8))
        {
            var at = FirstInvalidByte(utf8);
            throw At(utf8, at, $"The body is not valid UTF-8 text: invalid byte sequence at byte {at}");
        }
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        JsonElement value = default;
        var parsed = false;
        try
        {
            value = JsonElement.ParseValue(ref reader);
            parsed = true;
            // The reader stops after the first value; anything but whitespace after it makes Read throw.
            if (reader.Read()) throw new JsonException();
        }
        catch (JsonException e)
        {
            throw new InvalidJsonException(
                parsed ? "Unexpected data after the JSON value: a body is exactly one JSON value" : FirstSentence(e.Message),
                (e.LineNumber ?? 0) + 1, e.BytePositionInLine ?? 0);
        }
        if (utf8.IndexOf("\\uD"u8) >= 0 || utf8.IndexOf("\\ud"u8) >= 0) CheckSurrogateEscapes(utf8);
        return value;
    }

    /// <summary>
    /// A string whose escapes pair a high surrogate with something else (<c>"\uD800x"</c>) cannot be read
    /// at all: the reader throws when a binder asks for it. A lone surrogate the reader can return is left
    /// to the binder, which reports it at its field (<see cref="StorableText"/>).
    /// </summary>
    private static void CheckSurrogateEscapes(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        while (reader.Read())
        {
            if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName) || !reader.ValueIsEscaped) continue;
            try
            {
                reader.GetString();
            }
            catch (InvalidOperationException)
            {
                throw At(utf8, (int)reader.TokenStartIndex, "A string escapes a high surrogate (\\uD800-\\uDBFF) without a low surrogate after it");
            }
        }
    }

    private static int FirstInvalidByte(ReadOnlySpan<byte> utf8)
    {
        Span<char> chars = stackalloc char[1024];
        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = Utf8.ToUtf16(utf8[offset..], chars, out var read, out _, replaceInvalidSequences: false);
            offset += read;
            if (status != OperationStatus.DestinationTooSmall) break;
        }
        return offset;
    }

    private static InvalidJsonException At(ReadOnlySpan<byte> utf8, int offset, string reason)
    {
        var before = utf8[..offset];
        var lineStart = before.LastIndexOf((byte)'\n') + 1;
        return new InvalidJsonException(reason, before.Count((byte)'\n') + 1, offset - lineStart);
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
