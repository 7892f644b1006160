using AssetService.Core.Common;
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
    // The page's script reads these (Page/operator.js, start()); the function serves the same file whatever they hold.
    public static readonly QueryShape<(string? Asset, DateOnly? Day)> Query = new(["GetOperatorPage"], q => (
        q.String("asset", doc: new("Asset id of the day view.", "DE_50HZ_WU_1")),
        q.Date("day", doc: "Delivery day of the day view, `YYYY-MM-DD` (today in the market when absent).")));

    public static readonly PathParameter FileName = new("file", "File name, e.g. `uPlot.min.css`.",
        Wire.Text.WithExample("uPlot.min.css"));

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
