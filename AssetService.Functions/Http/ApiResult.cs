using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AssetService.Functions.Http;

/// <summary>
/// A JSON response with the service's wire format. It needs no MVC services, so the Functions host and
/// LocalHost execute it the same way. The body is serialized into one pooled buffer and sent with a
/// Content-Length (a <see cref="JsonBuffer"/> body as it was written): against serializing into the
/// response pipe (chunked), GET /assets/{id} under wrk took 6-20 us less server CPU per request in five
/// alternations (bench/RESULTS.md, Notes).
/// </summary>
public sealed class ApiResult(int statusCode, object? body) : IActionResult
{
    public int StatusCode { get; } = statusCode;
    public object? Body { get; } = body;
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ApiResult Ok(object body) => new(StatusCodes.Status200OK, body);
    public static ApiResult Created(string location, object body) => new(StatusCodes.Status201Created, body) { Headers = new Dictionary<string, string> { ["Location"] = location } };
    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent, null);
    public static ApiResult Detail(int statusCode, string detail) => new(statusCode, new ErrorDetail(detail));

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers) response.Headers[name] = value;
        if (Body is null) return;
        response.ContentType = "application/json";
        using var written = Body as JsonBuffer ?? Serialize(Body);
        response.ContentLength = written.Written.Length;
        await response.BodyWriter.WriteAsync(written.Written, context.HttpContext.RequestAborted);
    }

    private static JsonBuffer Serialize(object body)
    {
        var output = new JsonBuffer(4 * 1024);
        using var writer = new Utf8JsonWriter(output);
        JsonSerializer.Serialize(writer, body, Json.Options.GetTypeInfo(body.GetType()));
        return output;
    }
}
