using AssetService.Core.Changes;
using AssetService.Core.Sites;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Sites;

/// <summary>Site limits (at most 31 days per GET) and inverter limits (at most 7 days per GET), per 15-minute slot.</summary>
public sealed class SiteLimitFunctions(SiteLimitsService limits, AsOf asOf)
{
    [Function("GetSiteLimits")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> GetSite(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/sites/{site_id}/limits")] HttpRequest request,
        string site_id, CancellationToken ct) =>
        ApiResult.Ok(await limits.GetSiteAsync(site_id, LimitWindowQuery.Site.Bind(request.Query), asOf.Read(request.Query), ct));

    [Function("UpsertSiteLimits")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> PutSite(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/sites/{site_id}/limits")] HttpRequest request,
        string site_id, CancellationToken ct) =>
        ApiResult.Ok(await limits.PutSiteAsync(site_id, PutLimitsRequest.BindSite(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct));

    [Function("GetSiteInverterLimits")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> GetInverter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/sites/{site_id}/inverters/{inverter_id}/limits")] HttpRequest request,
        string site_id, string inverter_id, CancellationToken ct) =>
        ApiResult.Ok(await limits.GetInverterAsync(site_id, inverter_id, LimitWindowQuery.Inverter.Bind(request.Query), asOf.Read(request.Query), ct));

    [Function("UpsertSiteInverterLimits")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> PutInverter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/sites/{site_id}/inverters/{inverter_id}/limits")] HttpRequest request,
        string site_id, string inverter_id, CancellationToken ct) =>
        ApiResult.Ok(await limits.PutInverterAsync(site_id, inverter_id, PutLimitsRequest.BindInverter(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct));
}
