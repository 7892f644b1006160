using AssetService.Core.Changes;
using AssetService.Core.Headroom;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Headroom;

/// <summary>What is still free to trade per asset or site and quarter hour (contract 7), and why not more.</summary>
public sealed class HeadroomFunctions(HeadroomService headroom, HeadroomCsv csv, AsOf asOf)
{
    [Function("GetHeadroom")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/headroom")] HttpRequest request, CancellationToken ct) =>
        CsvContent.Accepts(request)
            ? new CsvResult(await csv.OpenAsync(HeadroomQuery.Bind(request.Query), asOf.Read(request.Query), ct))
            : ApiResult.Ok(await headroom.ListAsync(HeadroomQuery.Bind(request.Query), asOf.Read(request.Query), ct));

    [Function("GetSiteHeadroom")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> GetSite(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/sites/{site_id}/headroom")] HttpRequest request,
        string site_id, CancellationToken ct) =>
        ApiResult.Ok(await headroom.SiteAsync(site_id, SiteHeadroomQuery.Bind(request.Query), asOf.Read(request.Query), ct));
}
