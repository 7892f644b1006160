using Microsoft.AspNetCore.Mvc;

namespace AssetService.Functions.Http;

/// <summary>
/// Embedded bytes written as they are. Like <see cref="ApiResult"/> it needs no MVC services, so the
/// Functions host and LocalHost serve it alike. <c>no-cache</c>: a new deployment shows at the next load.
/// </summary>
public sealed class StaticContentResult(byte[] content, string contentType) : IActionResult
{
    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = 200;
        response.ContentType = contentType;
        response.ContentLength = content.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        await response.Body.WriteAsync(content, context.HttpContext.RequestAborted);
    }
}
