using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Functions.Http;

public static class RequestBody
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Reads the body as one JSON value. A declared length over 10 MiB is refused before anything is read;
    /// a chunked body is refused as soon as it passes the limit. Malformed JSON is a 422 <c>json_invalid</c>.
    /// </summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0)
            throw RequestValidationException.Single("missing", Loc.Body, "Field required: the request needs a JSON body");
        try
        {
            var reader = new Utf8JsonReader(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), new JsonReaderOptions { MaxDepth = 64 });
            return JsonElement.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            throw RequestValidationException.Single("json_invalid", Loc.Body[(int)(e.BytePositionInLine ?? 0)],
                $"JSON decode error at line {(e.LineNumber ?? 0) + 1}: {FirstSentence(e.Message)}");
        }
    }

    private static PayloadTooLargeException TooLarge() => new($"Request body exceeds {MaxBytes / (1024 * 1024)} MiB");

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
