using AssetService.Core.Assets;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Assets;

/// <summary>Asset actions: one route per lifecycle transition.</summary>
public sealed class AssetActionFunctions(AssetsService assets)
{
    [Function("CommissionAsset")]
    [RequiresRole(Role.Admin)]
    public Task<IActionResult> Commission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/assets/{asset_id}/actions/commission")] HttpRequest request,
        string asset_id, CancellationToken ct) => Transition(request, asset_id, Lifecycle.Commission, ct);

    [Function("GoLiveAsset")]
    [RequiresRole(Role.Admin)]
    public Task<IActionResult> GoLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/assets/{asset_id}/actions/go-live")] HttpRequest request,
        string asset_id, CancellationToken ct) => Transition(request, asset_id, Lifecycle.GoLive, ct);

    [Function("SuspendAsset")]
    [RequiresRole(Role.Admin)]
    public Task<IActionResult> Suspend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/assets/{asset_id}/actions/suspend")] HttpRequest request,
        string asset_id, CancellationToken ct) => Transition(request, asset_id, Lifecycle.Suspend, ct);

    [Function("ResumeAsset")]
    [RequiresRole(Role.Admin)]
    public Task<IActionResult> Resume(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/assets/{asset_id}/actions/resume")] HttpRequest request,
        string asset_id, CancellationToken ct) => Transition(request, asset_id, Lifecycle.Resume, ct);

    [Function("DecommissionAsset")]
    [RequiresRole(Role.Admin)]
    public Task<IActionResult> Decommission(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/assets/{asset_id}/actions/decommission")] HttpRequest request,
        string asset_id, CancellationToken ct) => Transition(request, asset_id, Lifecycle.Decommission, ct);

    private async Task<IActionResult> Transition(HttpRequest request, string assetId, LifecycleAction action, CancellationToken ct)
    {
        await request.ReadNoInputAsync(ct);
        return ApiResult.Ok(await assets.TransitionAsync(assetId, action, Caller.Of(request).Author, ct));
    }
}
