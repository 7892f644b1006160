using AssetService.Functions.Auth;
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
        Task.FromResult(OperatorPageFiles.Serve("index.html"));

    [Function("GetOperatorPageFile")]
    [Anonymous]
    public Task<IActionResult> File(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui/{file}")] HttpRequest request, string file) =>
        Task.FromResult(OperatorPageFiles.Serve(file));
}
