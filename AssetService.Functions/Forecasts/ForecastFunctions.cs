using AssetService.Core.Changes;
using AssetService.Core.Forecasts;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Forecasts;

/// <summary>Forecasts per asset and slot: upsert and read.</summary>
public sealed class ForecastFunctions(ForecastsService forecasts, AsOf asOf)
{
    [Function("UpsertForecasts")]
    public async Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "v1/forecasts")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await forecasts.UpsertAsync(UpsertForecastsRequest.Bind(await request.ReadJsonAsync(ct)), ct));

    [Function("GetForecasts")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/forecasts")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await forecasts.ListAsync(ForecastsQuery.Bind(request.Query), asOf.Read(request.Query), ct));
}
