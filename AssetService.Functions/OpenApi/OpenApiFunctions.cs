using AssetService.Core.Common;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.OpenApi;

/// <summary>The OpenAPI document and the interactive docs page; anonymous, served from embedded files (no CDN).</summary>
public sealed class OpenApiFunctions
{
    public static readonly PathParameter FileName = new("file", "File name, e.g. `swagger-ui.css`.",
        Wire.Text.WithExample("swagger-ui.css"));

    [Function("GetOpenApiDocument")]
    [Anonymous]
    public Task<IActionResult> Document(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "openapi.json")] HttpRequest request) =>
        Task.FromResult<IActionResult>(new StaticContentResult(ApiDocs.OpenApiDocument, "application/json; charset=utf-8"));

    [Function("GetApiDocs")]
    [Anonymous]
    public Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs")] HttpRequest request) =>
        Task.FromResult(ApiDocs.Serve("index.html"));

    [Function("GetApiDocsFile")]
    [Anonymous]
    public Task<IActionResult> File(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "docs/{file}")] HttpRequest request, string file) =>
        Task.FromResult(ApiDocs.Serve(file));
}
