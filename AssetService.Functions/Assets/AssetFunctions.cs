using AssetService.Core.Changes;
using AssetService.Core.Assets;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Assets;

/// <summary>Assets: create, list, get, patch, delete.</summary>
public sealed class AssetFunctions(AssetsService assets, AsOf asOf)
{
    [Function("CreateAsset")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/assets")] HttpRequest request, CancellationToken ct)
    {
        var asset = await assets.CreateAsync(CreateAssetRequest.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct);
        return ApiResult.Created($"/api/v1/assets/{asset.Id}", asset);
    }

    [Function("ListAssets")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/assets")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await assets.ListAsync(AssetListQuery.Bind(request.Query), asOf.Read(request.Query), ct));

    [Function("GetAsset")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/assets/{asset_id}")] HttpRequest request,
        string asset_id, CancellationToken ct) =>
        ApiResult.Ok(await assets.GetAsync(asset_id, asOf.Read(request.Query), ct));

    [Function("PatchAsset")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/assets/{asset_id}")] HttpRequest request,
        string asset_id, CancellationToken ct) =>
        ApiResult.Ok(await assets.PatchAsync(asset_id, PatchAssetRequest.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct));

    [Function("DeleteAsset")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/assets/{asset_id}")] HttpRequest request,
        string asset_id, CancellationToken ct)
    {
        await assets.DeleteAsync(asset_id, Caller.Of(request).Author, ct);
        return ApiResult.NoContent();
    }
}
