using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;

namespace AssetService.Functions.Http;

public static class RequestBody
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// Reads the body as one JSON value (<see cref="StrictJson"/>). A declared length over 10 MiB is refused
    /// before anything is read; a chunked body is refused as soon as it passes the limit. Invalid UTF-8,
    /// malformed JSON and anything after the value are a 422 <c>json_invalid</c>.
    /// </summary>
    public static async Task<JsonElement> ReadJsonAsync(this HttpRequest request, CancellationToken ct)
    {
        using var buffer = await ReadBytesAsync(request, ct);
        if (buffer.Length == 0)
            throw RequestValidationException.Single("missing", Loc.Body, "Field required: the request needs a JSON body");
        return Parse(buffer);
    }

    /// <summary>
    /// The optional body of an operation that takes no input (the lifecycle actions): none, or an empty
    /// object. Anything else is refused like any other body: json_invalid, or extra_forbidden per field.
    /// </summary>
    public static async Task ReadNoInputAsync(this HttpRequest request, CancellationToken ct)
    {
        using var buffer = await ReadBytesAsync(request, ct);
        if (buffer.Length > 0) AssetService.Core.Assets.ActionRequest.Shape.Bind(Parse(buffer));
    }

    private static async Task<MemoryStream> ReadBytesAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBytes) throw TooLarge();
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer;
    }

    private static JsonElement Parse(MemoryStream buffer)
    {
        try
        {
            return StrictJson.Parse(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        }
        catch (InvalidJsonException e)
        {
            throw RequestValidationException.Single("json_invalid", Loc.Body[(int)e.BytePositionInLine],
                $"JSON decode error at line {e.Line}: {e.Message}");
        }
    }

    private static PayloadTooLargeException TooLarge() => new($"Request body exceeds {MaxBytes / (1024 * 1024)} MiB");
}
