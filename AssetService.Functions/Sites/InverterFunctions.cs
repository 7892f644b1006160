using AssetService.Core.Sites;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Sites;

/// <summary>Inverters of a site: add, patch, delete. An inverter of another site is a 404.</summary>
public sealed class InverterFunctions(InvertersService inverters)
{
    [Function("AddSiteInverter")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/sites/{site_id}/inverters")] HttpRequest request,
        string site_id, CancellationToken ct)
    {
        var inverter = await inverters.CreateAsync(site_id, CreateInverterRequest.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct);
        return ApiResult.Created($"/api/v1/sites/{site_id}/inverters/{inverter.Id}", inverter);
    }

    [Function("PatchSiteInverter")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/sites/{site_id}/inverters/{inverter_id}")] HttpRequest request,
        string site_id, string inverter_id, CancellationToken ct) =>
        ApiResult.Ok(await inverters.PatchAsync(site_id, inverter_id, PatchInverterRequest.Bind(await request.ReadJsonAsync(ct)), Caller.Of(request).Author, ct));

    [Function("DeleteSiteInverter")]
    [RequiresRole(Role.Admin)]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/sites/{site_id}/inverters/{inverter_id}")] HttpRequest request,
        string site_id, string inverter_id, CancellationToken ct)
    {
        await inverters.DeleteAsync(site_id, inverter_id, Caller.Of(request).Author, ct);
        return ApiResult.NoContent();
    }
}
