using AssetService.Core.Changes;
using AssetService.Core.Sites;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Sites;

/// <summary>Sites: create, list, get, patch, delete.</summary>
public sealed class SiteFunctions(SitesService sites, AsOf asOf)
{
    [Function("CreateSite")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/sites")] HttpRequest request, CancellationToken ct)
    {
        var site = await sites.CreateAsync(CreateSiteRequest.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct);
        return ApiResult.Created($"/api/v1/sites/{site.Id}", site);
    }

    [Function("ListSites")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/sites")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await sites.ListAsync(SiteListQuery.Bind(request.Query), ct));

    [Function("GetSite")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/sites/{site_id}")] HttpRequest request,
        string site_id, CancellationToken ct) =>
        ApiResult.Ok(await sites.GetAsync(site_id, asOf.Read(request.Query), ct));

    [Function("PatchSite")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/sites/{site_id}")] HttpRequest request,
        string site_id, CancellationToken ct) =>
        ApiResult.Ok(await sites.PatchAsync(site_id, PatchSiteRequest.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct));

    [Function("DeleteSite")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/sites/{site_id}")] HttpRequest request,
        string site_id, CancellationToken ct)
    {
        await sites.DeleteAsync(site_id, Caller.Of(request).Author, ct);
        return ApiResult.NoContent();
    }
}
