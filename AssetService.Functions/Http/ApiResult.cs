using System.Text.Json;
using AssetService.Core.Common;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AssetService.Functions.Http;

/// <summary>
/// A JSON response written straight to the body with the service's wire format. It needs no MVC
/// services, so the Functions host and LocalHost execute it the same way. A <see cref="JsonBuffer"/> body is
/// sent as it was written.
/// </summary>
public sealed class ApiResult(int statusCode, object? body) : IActionResult
{
    public int StatusCode { get; } = statusCode;
    public object? Body { get; } = body;
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ApiResult Ok(object body) => new(StatusCodes.Status200OK, body);
    public static ApiResult Created(string location, object body) => new(StatusCodes.Status201Created, body) { Headers = new Dictionary<string, string> { ["Location"] = location } };
    public static ApiResult NoContent() => new(StatusCodes.Status204NoContent, null);
    public static ApiResult Detail(int statusCode, string detail) => new(statusCode, new { detail });

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCode;
        foreach (var (name, value) in Headers) response.Headers[name] = value;
        if (Body is null) return;
        response.ContentType = "application/json";
        if (Body is JsonBuffer written)
        {
            using (written)
            {
                response.ContentLength = written.Written.Length;
                await response.BodyWriter.WriteAsync(written.Written, context.HttpContext.RequestAborted);
            }
            return;
        }
        await JsonSerializer.SerializeAsync(response.BodyWriter, Body, Json.Options.GetTypeInfo(Body.GetType()), context.HttpContext.RequestAborted);
    }
}
