using AssetService.Core.Changes;
using AssetService.Core.Sites;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Sites;

/// <summary>Sites: create, list, get, patch, delete.</summary>
public sealed class SiteFunctions(SitesService sites, AsOf asOf)
{
    [Function("CreateSite")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "v1/sites")] HttpRequest request, CancellationToken ct)
    {
        var site = await sites.CreateAsync(CreateSiteRequest.Bind(await request.ReadJsonAsync(ct)), ct);
        return ApiResult.Created($"/api/v1/sites/{site.Id}", site);
    }

    [Function("ListSites")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/sites")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await sites.ListAsync(SiteListQuery.Bind(request.Query), ct));

    [Function("GetSite")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/sites/{site_id}")] HttpRequest request,
        string site_id, CancellationToken ct) =>
        ApiResult.Ok(await sites.GetAsync(site_id, asOf.Read(request.Query), ct));

    [Function("PatchSite")]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "v1/sites/{site_id}")] HttpRequest request,
        string site_id, CancellationToken ct) =>
        ApiResult.Ok(await sites.PatchAsync(site_id, PatchSiteRequest.Bind(await request.ReadJsonAsync(ct)), ct));

    [Function("DeleteSite")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "v1/sites/{site_id}")] HttpRequest request,
        string site_id, CancellationToken ct)
    {
        await sites.DeleteAsync(site_id, ct);
        return ApiResult.NoContent();
    }
}
