using AssetService.Core.Changes;
using AssetService.Core.Reservations;
using AssetService.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AssetService.Functions.Reservations;

/// <summary>Reservations per asset, slot, market and source: upsert and read.</summary>
public sealed class ReservationFunctions(ReservationsService reservations, AsOf asOf)
{
    [Function("UpsertReservations")]
    public async Task<IActionResult> Upsert(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "v1/reservations")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await reservations.UpsertAsync(UpsertReservationsRequest.Bind(await request.ReadJsonAsync(ct)), ct));

    [Function("GetReservations")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "v1/reservations")] HttpRequest request, CancellationToken ct) =>
        ApiResult.Ok(await reservations.ListAsync(ReservationsQuery.Bind(request.Query), asOf.Read(request.Query), ct));
}
