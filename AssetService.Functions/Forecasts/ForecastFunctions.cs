using AssetService.Core.Changes;
using AssetService.Core.Forecasts;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Forecasts;

/// <summary>Forecasts per asset and slot: upsert and read.</summary>
public sealed class ForecastFunctions(ForecastsService forecasts, ForecastsCsv csv, AsOf asOf)
{
    [Function("UpsertForecasts")]
    [RequiresRole(Role.Write)]
    public async Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "v1/forecasts")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await forecasts.UpsertAsync(await request.BindBodyAsync("forecasts", ForecastsCsv.Body, UpsertForecastsRequest.Bind, ct), Caller.Of(request).Author, ct));

    [Function("GetForecasts")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/forecasts")] HttpRequest request, CancellationToken ct) =>
        CsvContent.Accepts(request)
            ? new CsvResult(await csv.OpenAsync(ForecastsQuery.Bind(request.Query), asOf.Read(request.Query), ct))
            : ApiResult.Ok(await forecasts.ListAsync(ForecastsQuery.Bind(request.Query), asOf.Read(request.Query), ct));
}
