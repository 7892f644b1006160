using AssetService.Core.Changes;
using AssetService.Core.Limits;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Limits;

/// <summary>Limits per asset, slot and source: partial upsert, grouped read with computed values, clear.</summary>
public sealed class LimitFunctions(LimitsService limits, LimitsCsv csv, AsOf asOf)
{
    [Function("UpsertLimits")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/limits")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await limits.UpsertAsync(await request.BindBodyAsync("limits", LimitsCsv.Body, UpsertLimitsRequest.Bind, ct), Caller.Of(request).Author, ct));

    [Function("GetLimits")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/limits")] HttpRequest request, CancellationToken ct) =>
        CsvContent.Accepts(request)
            ? new CsvResult(await csv.OpenAsync(LimitsQuery.Bind(request.Query), asOf.Read(request.Query), ct))
            : ApiResult.Ok(await limits.ListAsync(LimitsQuery.Bind(request.Query), asOf.Read(request.Query), ct));

    [Function("DeleteLimits")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/limits")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await limits.ClearAsync(DeleteLimitsQuery.Bind(request.Query), Caller.Of(request).Author, ct));
}
