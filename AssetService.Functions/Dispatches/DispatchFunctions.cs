using AssetService.Core.Dispatches;
using AssetService.Functions.Auth;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Dispatches;

/// <summary>Dispatches: read-only over HTTP; written by the dispatch queue ingestion.</summary>
public sealed class DispatchFunctions(DispatchesService dispatches, DispatchesCsv csv)
{
    [Function("ListDispatches")]
    [RequiresRole(Role.Read)]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/dispatches")] HttpRequest request, CancellationToken ct) =>
        CsvContent.Accepts(request)
            ? new CsvResult(await csv.OpenAsync(DispatchListQuery.Bind(request.Query), ct))
            : ApiResult.Ok(await dispatches.ListAsync(DispatchListQuery.Bind(request.Query), ct));
}
