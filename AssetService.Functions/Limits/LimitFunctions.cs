using AssetService.Core.Changes;
using AssetService.Core.Limits;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Limits;

/// <summary>Limits per asset, slot and source: partial upsert, grouped read with computed values, clear.</summary>
public sealed class LimitFunctions(LimitsService limits, AsOf asOf)
{
    [Function("UpsertLimits")]
    public async Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "v1/limits")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await limits.UpsertAsync(UpsertLimitsRequest.Bind(await request.ReadJsonAsync(ct)), ct));

    [Function("GetLimits")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/limits")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await limits.ListAsync(LimitsQuery.Bind(request.Query), asOf.Read(request.Query), ct));

    [Function("DeleteLimits")]
    public async Task<IActionResult> Delete(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "v1/limits")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await limits.ClearAsync(DeleteLimitsQuery.Bind(request.Query), ct));
}
