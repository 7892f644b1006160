using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using AssetService.Functions.OpenApi;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.OperatorPage;

/// <summary>
/// The operator page: anonymous static files (the data comes from /api/v1 with the key the user enters),
/// served from embedded files like the docs page, so the Functions host and LocalHost serve it alike.
/// </summary>
public sealed class OperatorPageFunctions
{
    [Function("GetOperatorPage")]
    [Anonymous]
    public Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui")] HttpRequest request) =>
        Task.FromResult(Serve("index.html"));

    [Function("GetOperatorPageFile")]
    [Anonymous]
    public Task<IActionResult> File(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui/{file}")] HttpRequest request, string file) =>
        Task.FromResult(Serve(file));

    private static IActionResult Serve(string name) => OperatorPageFiles.File(name) is { } file
        ? new StaticContentResult(file.Content, file.ContentType)
        : ApiResult.Detail(StatusCodes.Status404NotFound, $"No such operator page file: {name}");
}
