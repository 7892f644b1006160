using System.Text.Json;
using AssetService.Core.Common;
using AssetService.Core.Common.Csv;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace AssetService.Functions.Http;

/// <summary>Content negotiation for the period-data operations that also speak <c>text/csv</c>.</summary>
public static class CsvContent
{
    public const string MediaType = "text/csv";

    /// <summary>True when the Accept header ranks text/csv at least as high as JSON.</summary>
    public static bool Accepts(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        var csv = Quality(accepted, MediaType);
        return csv > 0 && csv >= Quality(accepted, "application/json");
    }

    private static double Quality(IList<MediaTypeHeaderValue> accepted, string mediaType) => accepted
        .Where(a => a.MediaType.Equals(mediaType, StringComparison.OrdinalIgnoreCase))
        .Select(a => a.Quality ?? 1.0).DefaultIfEmpty(0).Max();

    /// <summary>
    /// Binds a batch body: JSON, or with <c>Content-Type: text/csv</c> the CSV lines as the entries of
    /// <paramref name="listField"/> through the same binder (see <see cref="CsvBody"/>).
    /// </summary>
    public static async Task<T> BindBodyAsync<T>(this HttpRequest request, string listField, CsvColumns columns,
        Func<JsonElement, T> bind, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals(MediaType, StringComparison.OrdinalIgnoreCase))
            return bind(await request.ReadJsonAsync(ct));
        if (request.ContentLength > RequestBody.MaxBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > RequestBody.MaxBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return CsvBody.Bind(buffer.ToArray(), listField, columns, bind);
    }

    private static PayloadTooLargeException TooLarge() => new($"Request body exceeds {RequestBody.MaxBytes / (1024 * 1024)} MiB");
}

/// <summary>
/// A CSV answer. The whole window is read from the database first, at the database's pace, into a buffer
/// (memory up to <see cref="MemoryThreshold"/>, then a temporary file deleted on close), and only then sent at
/// the client's pace: a slow client holds a file, not a pooled connection with an open REPEATABLE READ
/// transaction on a PgBouncer server connection (issue 24). A failure while reading is thrown before the first
/// byte, so it is answered like any other (503 for an outage), never a CSV cut short.
/// </summary>
public sealed class CsvResult(Func<Stream, CancellationToken, Task> write) : IActionResult
{
    public const int MemoryThreshold = 1024 * 1024;

    public CsvResult(CsvTable table) : this(async (body, ct) =>
    {
        await using (table) await table.WriteAsync(body, ct);
    })
    {
    }

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var ct = context.HttpContext.RequestAborted;
        await using var buffer = new FileBufferingWriteStream(MemoryThreshold);
        await write(buffer, ct);
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/csv; charset=utf-8";
        await buffer.DrainBufferAsync(response.Body, ct);
    }
}
