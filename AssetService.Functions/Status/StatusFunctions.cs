using AssetService.Core.Status;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Status;

/// <summary>Status: read-only over HTTP; written by the status ingestion.</summary>
public sealed class StatusFunctions(StatusService status)
{
    [Function("ListStatus")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/status")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await status.ListAsync(StatusListQuery.Bind(request.Query), ct));

    [Function("GetAssetStatus")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> GetOfAsset(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/assets/{asset_id}/status")] HttpRequest request,
        string asset_id, CancellationToken ct) =>
        ApiResult.Ok(await status.GetLatestAsync(asset_id, ct));
}
